import { hashRefreshToken, judgeRefreshToken, newRefreshToken } from './refresh-token.rules';

const now = new Date('2026-03-01T08:00:00.000Z');
const seconds = (s: number) => new Date(now.getTime() + s * 1000);
const live = { expiresAt: seconds(3600), usedAt: null, revokedAt: null };

describe('refresh token rules', () => {
  it('accepts a live, unused, unrevoked token', () => {
    expect(judgeRefreshToken(live, now, 10)).toBe('valid');
  });

  it('refuses unknown, expired and revoked tokens alike', () => {
    expect(judgeRefreshToken(null, now, 10)).toBe('invalid');
    expect(judgeRefreshToken({ ...live, expiresAt: now }, now, 10)).toBe('invalid');
    expect(judgeRefreshToken({ ...live, revokedAt: seconds(-1) }, now, 10)).toBe('invalid');
    expect(judgeRefreshToken({ ...live, usedAt: seconds(-1), revokedAt: seconds(-1) }, now, 10)).toBe('invalid');
  });

  it('tells a retry inside the grace window from reuse after it', () => {
    expect(judgeRefreshToken({ ...live, usedAt: seconds(-9.999) }, now, 10)).toBe('reused_recently');
    expect(judgeRefreshToken({ ...live, usedAt: seconds(-10) }, now, 10)).toBe('reused');
    expect(judgeRefreshToken({ ...live, usedAt: now }, now, 0)).toBe('reused');
  });

  it('treats reuse of an expired rotated token as reuse, not as a harmless expiry', () => {
    expect(judgeRefreshToken({ ...live, expiresAt: seconds(-60), usedAt: seconds(-3600) }, now, 10)).toBe('reused');
  });

  it('makes 256-bit tokens and stores only their SHA-256', () => {
    const token = newRefreshToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newRefreshToken()).not.toBe(token);
    expect(hashRefreshToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(token)).not.toContain(token);
  });
});
