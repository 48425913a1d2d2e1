import { createHmac, randomBytes } from 'node:crypto';

/**
 * The code shown in the room for self check-in: six digits derived from the session's secret and
 * the current period, so it rotates without any stored state and a code photographed yesterday
 * is worthless. The previous period's code still counts, for a learner who read it just before it changed.
 */
export const newCheckInSecret = () => randomBytes(20).toString('base64url');

export const periodOf = (at: Date, periodSeconds: number) => Math.floor(at.getTime() / 1000 / periodSeconds);

export function checkInCode(secret: string, period: number): string {
  const digest = createHmac('sha256', secret).update(String(period)).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export type CheckInCodeVerdict = 'valid' | 'expired' | 'wrong';

/** How far back an old code is recognised as expired rather than wrong (for the error message only). */
const EXPIRED_LOOKBACK = 288;

export function verifyCheckInCode(secret: string, code: string, at: Date, periodSeconds: number): CheckInCodeVerdict {
  const current = periodOf(at, periodSeconds);
  if (code === checkInCode(secret, current) || code === checkInCode(secret, current - 1)) return 'valid';
  for (let back = 2; back <= EXPIRED_LOOKBACK; back++) {
    if (code === checkInCode(secret, current - back)) return 'expired';
  }
  return 'wrong';
}
