import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions';
import { Environment } from '../../config/environment';
import { AuditService } from '../audit/audit.service';
import { refreshRefused as refused } from './auth.errors';
import { TokenPair } from './dto/tokens.dto';
import type { RefreshToken } from './entities/refresh-token.entity';
import { hashRefreshToken, judgeRefreshToken, newRefreshToken } from './refresh-token.rules';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevocations } from './session-revocations';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** Access tokens, and the rotating refresh tokens that renew them, by family. */
@Injectable()
export class RefreshTokenService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: RefreshTokensRepository,
    private readonly jwt: JwtService,
    private readonly env: Environment,
    private readonly audit: AuditService,
    private readonly revocations: SessionRevocations,
  ) {}

  /** A new session (login): a token pair in a new family. */
  async startFamily(em: EntityManager, userId: string): Promise<{ familyId: string; pair: TokenPair }> {
    const familyId = randomUUID();
    const { token } = await this.insert(em, userId, familyId, new Date());
    return { familyId, pair: await this.pair(userId, familyId, token) };
  }

  /**
   * Exchanges a refresh token for a new pair in the same family. The row lock makes concurrent
   * refreshes with one token take turns: the first rotates it, the others then see it used.
   */
  async refresh(presented: string, ip: string | null): Promise<TokenPair> {
    const outcome = await this.transactions.run(async (em) => {
      const now = new Date();
      const token = await this.repository.findByHashForUpdate(em, hashRefreshToken(presented));
      const verdict = judgeRefreshToken(token, now, this.env.REFRESH_REUSE_GRACE_SECONDS);
      if (verdict === 'valid') return { verdict, pair: await this.rotate(em, token!, now) };
      const familyId = token?.familyId;
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
      return { verdict, familyId };
    });
    // Refusals are thrown only after the commit, so a revoked family stays revoked.
    if (outcome.verdict === 'reused') await this.revocations.revoke([outcome.familyId!]);
    if (outcome.verdict !== 'valid') throw refused(outcome.verdict);
    return outcome.pair!;
  }

  /** Ends the session the token belongs to; the caller must own it. Repeating it is harmless. */
  async logout(presented: string, userId: string, ip: string | null): Promise<void> {
    const familyId = await this.transactions.run(async (em) => {
      const token = await this.repository.findByHash(em, hashRefreshToken(presented));
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
      return token.familyId;
    });
    await this.revocations.revoke([familyId]);
  }

  /**
   * Revokes every live refresh token of a user (a password change, a disabled account) in the
   * caller's transaction; the caller records its own audit entry and, once committed, passes the
   * returned sessions to `endSessions` so their access tokens die too.
   */
  async revokeAllForUser(em: EntityManager, userId: string, reason: string): Promise<string[]> {
    return this.repository.revokeAllOfUser(em, userId, reason, new Date());
  }

  /** Refuses the access tokens of these sessions from now on (within SESSION_REVOCATION_CACHE_MS elsewhere). */
  endSessions(familyIds: string[]): Promise<void> {
    return this.revocations.revoke(familyIds);
  }

  private async rotate(em: EntityManager, current: RefreshToken, now: Date): Promise<TokenPair> {
    const successor = await this.insert(em, current.userId, current.familyId, now);
    await this.repository.markReplaced(em, current.id, now, successor.id);
    return this.pair(current.userId, current.familyId, successor.token);
  }

  private async revokeFamily(em: EntityManager, familyId: string, reason: string, now: Date): Promise<void> {
    await this.repository.revokeFamily(em, familyId, reason, now);
  }

  private async insert(
    em: EntityManager,
    userId: string,
    familyId: string,
    now: Date,
  ): Promise<{ id: string; token: string }> {
    const token = newRefreshToken();
    const expiresAt = new Date(now.getTime() + this.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const id = await this.repository.insert(em, { userId, familyId, tokenHash: hashRefreshToken(token), expiresAt });
    return { id, token };
  }

  private async pair(userId: string, familyId: string, refreshToken: string): Promise<TokenPair> {
    // `sid` names the session, so ending it refuses its access tokens too.
    const accessToken = await this.jwt.signAsync(
      { sub: userId, sid: familyId },
      { expiresIn: ACCESS_TOKEN_TTL_SECONDS },
    );
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }
}
