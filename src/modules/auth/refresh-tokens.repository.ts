import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RefreshToken } from './entities/refresh-token.entity';

/** The refresh_tokens table: rotating tokens, grouped in families (one per login). */
@Injectable()
export class RefreshTokensRepository {
  /** Locked, so concurrent refreshes with one token take turns. */
  findByHashForUpdate(em: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return em
      .createQueryBuilder(RefreshToken, 'token')
      .where('token.token_hash = :hash', { hash: tokenHash })
      .setLock('pessimistic_write')
      .getOne();
  }

  findByHash(em: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return em.findOneBy(RefreshToken, { tokenHash });
  }

  async insert(
    em: EntityManager,
    token: Pick<RefreshToken, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>,
  ): Promise<string> {
    const result = await em.insert(RefreshToken, token);
    return result.identifiers[0].id as string;
  }

  async markReplaced(em: EntityManager, id: string, usedAt: Date, replacedById: string): Promise<void> {
    await em.update(RefreshToken, id, { usedAt, replacedById });
  }

  async revokeFamily(em: EntityManager, familyId: string, reason: string, at: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: at, revokedReason: reason })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }

  /** Returns the families (sessions) whose live tokens it revoked. */
  async revokeAllOfUser(em: EntityManager, userId: string, reason: string, at: Date): Promise<string[]> {
    const [rows]: [{ family_id: string }[], number] = await em.query(
      `UPDATE refresh_tokens SET revoked_at = $3, revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id`,
      [userId, reason, at],
    );
    return [...new Set(rows.map((r) => r.family_id))];
  }

  /** Deletes every family whose tokens are all revoked or a week past expiry; returns the count of tokens. */
  async deleteEndedFamilies(em: EntityManager): Promise<number> {
    const [, deleted]: [unknown[], number] = await em.query(
      `DELETE FROM refresh_tokens WHERE family_id IN (
         SELECT family_id FROM refresh_tokens GROUP BY family_id
         HAVING bool_and(revoked_at IS NOT NULL OR expires_at < now() - interval '7 days'))`,
    );
    return deleted;
  }
}
