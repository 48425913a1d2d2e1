import { startOfDay, todayIn } from './calendar';

describe('calendar days in a time zone', () => {
  it('knows that late evening UTC is already tomorrow in Hà Nội', () => {
    const now = new Date('2026-11-21T18:30:00Z');
    expect(todayIn('UTC', now)).toBe('2026-11-21');
    expect(todayIn('Asia/Ho_Chi_Minh', now)).toBe('2026-11-22');
  });

  it('gives the instant a day starts', () => {
    expect(startOfDay('2026-07-01', 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-06-30T17:00:00.000Z');
    expect(startOfDay('2026-07-01', 'UTC').toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });
});
