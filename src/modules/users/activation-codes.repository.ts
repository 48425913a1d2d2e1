import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A code handed over for download, with its person. */
export interface HandedOverCode {
  username: string;
  full_name: string;
  code_plain: string;
  expires_at: Date;
}

/** The activation_codes table: one-time codes that new people exchange for a password. */
@Injectable()
export class ActivationCodesRepository {
  /** One multi-row INSERT for a whole batch; `codes[i]` is the readable code of `userIds[i]`. */
  async issue(
    em: EntityManager,
    importId: string,
    userIds: string[],
    codes: { hash: string; plain: string }[],
    expiresAt: Date,
  ): Promise<void> {
    await em.query(
      `INSERT INTO activation_codes (user_id, import_id, code_hash, code_plain, expires_at)
       SELECT u, $2::uuid, h, p, $5::timestamptz FROM unnest($1::uuid[], $3::text[], $4::text[]) AS t(u, h, p)`,
      [userIds, importId, codes.map((c) => c.hash), codes.map((c) => c.plain), expiresAt],
    );
  }

  /** The readable codes of an import, erased in the same statement that returns them. */
  async handOver(em: EntityManager, importId: string): Promise<HandedOverCode[]> {
    // An UPDATE … RETURNING answers [rows, affected count] through TypeORM.
    const [rows]: [HandedOverCode[], number] = await em.query(
      `UPDATE activation_codes a SET code_plain = NULL
       FROM users u, (SELECT id, code_plain FROM activation_codes
                       WHERE import_id = $1 AND code_plain IS NOT NULL FOR UPDATE) old
      WHERE a.id = old.id AND u.id = a.user_id
      RETURNING u.username, u.full_name, old.code_plain, a.expires_at`,
      [importId],
    );
    return rows;
  }

  async anyIssued(em: EntityManager, importId: string): Promise<boolean> {
    const issued: unknown[] = await em.query(`SELECT 1 FROM activation_codes WHERE import_id = $1 LIMIT 1`, [importId]);
    return issued.length > 0;
  }

  /** The usable code of this hash for the username (any case), locked; undefined when none is. */
  async findUsableForUpdate(
    em: EntityManager,
    username: string,
    codeHash: string,
  ): Promise<{ id: string; user_id: string } | undefined> {
    const [match]: { id: string; user_id: string }[] = await em.query(
      `SELECT a.id, a.user_id FROM activation_codes a JOIN users u ON u.id = a.user_id
        WHERE lower(u.username) = lower($1) AND a.code_hash = $2 AND a.used_at IS NULL AND a.expires_at > now()
        FOR UPDATE OF a`,
      [username, codeHash],
    );
    return match;
  }

  /** Every open code of the user is spent: one activation ends them all. */
  async useAllOf(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `UPDATE activation_codes SET used_at = now(), code_plain = NULL WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
  }
}
