import { secondsUntilAllowed, throttleUsername } from './login-throttle';

const WINDOW = 60_000;
const now = 1_000_000_000;

describe('secondsUntilAllowed', () => {
  it('lets the caller try while fewer than the maximum failures are in the window', () => {
    expect(secondsUntilAllowed([], now, WINDOW, 5)).toBe(0);
    expect(secondsUntilAllowed([now - 4000, now - 3000, now - 2000, now - 1000], now, WINDOW, 5)).toBe(0);
  });

  it('blocks at the maximum until the oldest deciding failure leaves the window', () => {
    const failures = [now - 50_000, now - 4000, now - 3000, now - 2000, now - 1000];
    expect(secondsUntilAllowed(failures, now, WINDOW, 5)).toBe(10);
    expect(secondsUntilAllowed(failures, now + 9_500, WINDOW, 5)).toBe(1);
    expect(secondsUntilAllowed(failures, now + 10_000, WINDOW, 5)).toBe(0);
  });

  it('is a sliding window: failures before the window do not count', () => {
    const failures = [now - 61_000, now - 60_000, now - 3000, now - 2000, now - 1000];
    expect(secondsUntilAllowed(failures, now, WINDOW, 5)).toBe(0);
  });

  it('with more failures than the maximum, waits for enough of them to leave', () => {
    const failures = [now - 30_000, now - 20_000, now - 10_000];
    expect(secondsUntilAllowed(failures, now, WINDOW, 2)).toBe(40);
    expect(secondsUntilAllowed([...failures].reverse(), now, WINDOW, 2)).toBe(40);
  });

  it('never answers a zero wait while blocked', () => {
    expect(secondsUntilAllowed([now - 59_999], now, WINDOW, 1)).toBe(1);
  });
});

describe('throttleUsername', () => {
  it('counts a username in any case and Unicode form as one', () => {
    const decomposed = 'Nguye\u0302\u0303n'.normalize('NFD');
    expect(throttleUsername(decomposed)).toBe(throttleUsername('NGUYỄN'));
  });
});
