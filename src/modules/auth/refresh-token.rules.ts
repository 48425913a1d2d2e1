import { createHash, randomBytes } from 'node:crypto';

/** What presenting a refresh token means, decided from its stored row. */
export type RefreshVerdict = 'valid' | 'invalid' | 'reused_recently' | 'reused';

export interface StoredRefreshToken {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** 256 random bits, URL-safe: what the client holds. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the server stores instead of the token. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Unknown, revoked or expired tokens are simply invalid. A used (rotated) token presented again is
 * reuse, which means either a stolen token or a client retrying after losing the response; since
 * only hashes are stored, the successor cannot be handed out again. So within the grace window the
 * retry is refused without consequence (the client that lost the response logs in again, a thief gets
 * nothing), and after it reuse is treated as theft and the whole family is revoked.
 */
export function judgeRefreshToken(token: StoredRefreshToken | null, now: Date, graceSeconds: number): RefreshVerdict {
  if (!token || token.revokedAt) return 'invalid';
  if (token.usedAt) {
    return now.getTime() - token.usedAt.getTime() < graceSeconds * 1000 ? 'reused_recently' : 'reused';
  }
  return token.expiresAt.getTime() <= now.getTime() ? 'invalid' : 'valid';
}
