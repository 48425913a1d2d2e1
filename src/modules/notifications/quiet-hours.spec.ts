import { afterQuietHours } from './quiet-hours';

const QUIET = { start: '21:00', end: '07:00' };
const HCM = 'Asia/Ho_Chi_Minh';

describe('quiet hours', () => {
  it('sends at once outside quiet hours', () => {
    const at = new Date('2026-12-02T08:15:00+07:00');
    expect(afterQuietHours(at, HCM, QUIET)).toEqual(at);
    expect(afterQuietHours(new Date('2026-12-02T20:59:59+07:00'), HCM, QUIET)).toEqual(
      new Date('2026-12-02T20:59:59+07:00'),
    );
  });

  it('holds an email due at 22:30 until 07:00 the next morning, and one due at 05:10 until 07:00 the same day', () => {
    expect(afterQuietHours(new Date('2026-12-02T22:30:00+07:00'), HCM, QUIET)).toEqual(
      new Date('2026-12-03T07:00:00+07:00'),
    );
    expect(afterQuietHours(new Date('2026-12-03T05:10:42.123+07:00'), HCM, QUIET)).toEqual(
      new Date('2026-12-03T07:00:00+07:00'),
    );
    expect(afterQuietHours(new Date('2026-12-02T21:00:00+07:00'), HCM, QUIET)).toEqual(
      new Date('2026-12-03T07:00:00+07:00'),
    );
  });

  it('reads the clock of the given timezone, and quiet hours that do not wrap midnight', () => {
    // 22:30 in Hồ Chí Minh City is 15:30 UTC: not quiet in UTC.
    const at = new Date('2026-12-02T15:30:00Z');
    expect(afterQuietHours(at, 'UTC', QUIET)).toEqual(at);
    expect(afterQuietHours(new Date('2026-12-02T12:30:00+07:00'), HCM, { start: '12:00', end: '13:30' })).toEqual(
      new Date('2026-12-02T13:30:00+07:00'),
    );
    expect(afterQuietHours(at, HCM, { start: '00:00', end: '00:00' })).toEqual(at);
  });

  it('lands on the local end of quiet hours across a daylight-saving change', () => {
    // Europe/Berlin moves from 03:00 to 02:00 on 2026-10-25.
    const due = afterQuietHours(new Date('2026-10-24T23:00:00+02:00'), 'Europe/Berlin', QUIET);
    expect(due).toEqual(new Date('2026-10-25T07:00:00+01:00'));
  });
});
