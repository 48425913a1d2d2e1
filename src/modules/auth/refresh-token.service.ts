import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ProblemException } from '../../common/problem';
import { Environment } from '../../config/environment';
import { AuditService } from '../audit/audit.service';
import { TokenPair } from './dto/tokens.dto';
import { RefreshToken } from './entities/refresh-token.entity';
import { hashRefreshToken, judgeRefreshToken, newRefreshToken, RefreshVerdict } from './refresh-token.rules';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

const REFUSALS: Record<Exclude<RefreshVerdict, 'valid'>, { code: string; detail: string }> = {
  invalid: {
    code: 'invalid_refresh_token',
    detail: 'Mã làm mới (refresh token) không hợp lệ, đã hết hạn hoặc đã bị thu hồi; hãy đăng nhập lại.',
  },
  reused_recently: {
    code: 'refresh_token_reused_recently',
    detail: 'Mã làm mới (refresh token) này vừa được dùng để cấp mã mới; hãy dùng mã mới nhất hoặc đăng nhập lại.',
  },
  reused: {
    code: 'refresh_token_reused',
    detail:
      'Mã làm mới (refresh token) này đã được dùng trước đó; để an toàn, phiên đăng nhập của nó đã bị thu hồi. Hãy đăng nhập lại.',
  },
};

const refused = (verdict: Exclude<RefreshVerdict, 'valid'>) =>
  new ProblemException(HttpStatus.UNAUTHORIZED, REFUSALS[verdict]);

/** Access tokens, and the rotating refresh tokens that renew them, by family. */
@Injectable()
export class RefreshTokenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly env: Environment,
    private readonly audit: AuditService,
  ) {}

  /** A new session (login): a token pair in a new family. */
  async startFamily(em: EntityManager, userId: string): Promise<{ familyId: string; pair: TokenPair }> {
    const familyId = randomUUID();
    const { token } = await this.insert(em, userId, familyId, new Date());
    return { familyId, pair: await this.pair(userId, token) };
  }

  /**
   * Exchanges a refresh token for a new pair in the same family. The row lock makes concurrent
   * refreshes with one token take turns: the first rotates it, the others then see it used.
   */
  async refresh(presented: string, ip: string | null): Promise<TokenPair> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const now = new Date();
      const token = await em
        .createQueryBuilder(RefreshToken, 'token')
        .where('token.token_hash = :hash', { hash: hashRefreshToken(presented) })
        .setLock('pessimistic_write')
        .getOne();
      const verdict = judgeRefreshToken(token, now, this.env.REFRESH_REUSE_GRACE_SECONDS);
      if (verdict === 'valid') return { verdict, pair: await this.rotate(em, token!, now) };
      if (verdict === 'reused') await this.revokeFamily(em, token!.familyId, 'reuse', now);
      if (verdict !== 'invalid') {
        await this.audit.record(em, {
          action: 'auth.refresh.reused',
          targetType: 'user',
          targetId: token!.userId,
          ip,
          details: { familyId: token!.familyId, familyRevoked: verdict === 'reused' },
        });
      }
      return { verdict };
    });
    // Refusals are thrown only after the commit, so a revoked family stays revoked.
    if (outcome.verdict !== 'valid') throw refused(outcome.verdict);
    return outcome.pair!;
  }

  /** Ends the session the token belongs to; the caller must own it. Repeating it is harmless. */
  async logout(presented: string, userId: string, ip: string | null): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const token = await em.findOneBy(RefreshToken, { tokenHash: hashRefreshToken(presented) });
      // Someone else's token is answered like an unknown one: it tells nothing about it.
      if (!token || token.userId !== userId) throw refused('invalid');
      await this.revokeFamily(em, token.familyId, 'logout', new Date());
      await this.audit.record(em, {
        action: 'auth.logout',
        actorUserId: userId,
        targetType: 'refresh_token_family',
        targetId: token.familyId,
        ip,
      });
    });
  }

  /**
   * Revokes every live refresh token of a user (a password change, a disabled account) in the
   * caller's transaction; the caller records its own audit entry. Access tokens already issued
   * live out their 15 minutes. Returns how many tokens it revoked.
   */
  async revokeAllForUser(em: EntityManager, userId: string, reason: string): Promise<number> {
    const result = await em
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
    return result.affected ?? 0;
  }

  private async rotate(em: EntityManager, current: RefreshToken, now: Date): Promise<TokenPair> {
    const successor = await this.insert(em, current.userId, current.familyId, now);
    await em.update(RefreshToken, current.id, { usedAt: now, replacedById: successor.id });
    return this.pair(current.userId, successor.token);
  }

  private async revokeFamily(em: EntityManager, familyId: string, reason: string, now: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: now, revokedReason: reason })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }

  private async insert(
    em: EntityManager,
    userId: string,
    familyId: string,
    now: Date,
  ): Promise<{ id: string; token: string }> {
    const token = newRefreshToken();
    const expiresAt = new Date(now.getTime() + this.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const result = await em.insert(RefreshToken, { userId, familyId, tokenHash: hashRefreshToken(token), expiresAt });
    return { id: result.identifiers[0].id as string, token };
  }

  private async pair(userId: string, refreshToken: string): Promise<TokenPair> {
    const accessToken = await this.jwt.signAsync({ sub: userId }, { expiresIn: ACCESS_TOKEN_TTL_SECONDS });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }
}
