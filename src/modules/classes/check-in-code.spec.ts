import { checkInCode, newCheckInSecret, periodOf, verifyCheckInCode } from './check-in-code';

describe('check-in code', () => {
  const secret = newCheckInSecret();
  const at = new Date('2026-11-21T08:00:00Z');

  it('is six digits, stable within a period and different in the next', () => {
    const code = checkInCode(secret, periodOf(at, 300));
    expect(code).toMatch(/^\d{6}$/);
    expect(checkInCode(secret, periodOf(new Date(at.getTime() + 299_000), 300))).toBe(code);
    expect(checkInCode(secret, periodOf(at, 300) + 1)).not.toBe(code);
  });

  it('differs between sessions', () => {
    expect(checkInCode(newCheckInSecret(), 1)).not.toBe(checkInCode(newCheckInSecret(), 1));
  });

  it('accepts the current and the previous code, calls older ones expired and others wrong', () => {
    const period = periodOf(at, 300);
    expect(verifyCheckInCode(secret, checkInCode(secret, period), at, 300)).toBe('valid');
    expect(verifyCheckInCode(secret, checkInCode(secret, period - 1), at, 300)).toBe('valid');
    expect(verifyCheckInCode(secret, checkInCode(secret, period - 3), at, 300)).toBe('expired');
    const wrong = String((Number(checkInCode(secret, period)) + 1) % 1_000_000).padStart(6, '0');
    expect(['wrong', 'expired']).toContain(verifyCheckInCode(secret, wrong, at, 300));
    expect(verifyCheckInCode(secret, 'abcdef', at, 300)).toBe('wrong');
  });
});
