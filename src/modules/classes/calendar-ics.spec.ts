import ICAL from 'ical.js';
import { CalendarEvent, CalendarFeed, isValidTimeZone, renderCalendar } from './calendar-ics';

const revisedAt = new Date('2025-03-01T00:00:00Z');

function feed(timezone: string, events: CalendarEvent[], name = 'Lớp Lý luận chính trị'): CalendarFeed {
  return { name, timezone, events, revisedAt };
}

function event(start: string, end: string, extra: Partial<CalendarEvent> = {}): CalendarEvent {
  return { uid: `session-${start}@lyluan`, start: new Date(start), end: new Date(end), summary: 'Buổi học', ...extra };
}

/** Parses with a real iCalendar library, resolving TZIDs through the feed's own VTIMEZONE. */
function parse(ics: string): { calendar: ICAL.Component; events: ICAL.Event[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)) };
}

function utc(time: ICAL.Time): string {
  return time.toJSDate().toISOString();
}

/** Asserts every event resolves, through its zone, to exactly the input instants. */
function expectInstants(ics: string, input: CalendarEvent[]): void {
  const { events } = parse(ics);
  expect(events).toHaveLength(input.length);
  events.forEach((parsed, i) => {
    expect([utc(parsed.startDate), utc(parsed.endDate)]).toEqual([
      input[i].start.toISOString(),
      input[i].end.toISOString(),
    ]);
  });
}

afterEach(() => ICAL.TimezoneService.reset());

describe('renderCalendar', () => {
  it('emits the calendar header and a fixed-offset VTIMEZONE for Asia/Ho_Chi_Minh', () => {
    const ics = renderCalendar(feed('Asia/Ho_Chi_Minh', []));
    const { calendar } = parse(ics);

    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Lyluan//Lịch học//VI');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Lớp Lý luận chính trị');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Ho_Chi_Minh');

    const vtimezone = calendar.getFirstSubcomponent('vtimezone');
    expect(vtimezone?.getFirstPropertyValue('tzid')).toBe('Asia/Ho_Chi_Minh');
    expect(vtimezone?.getAllSubcomponents().map((c) => c.name)).toEqual(['standard']);
    expect(ics).toContain(
      'BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700\r\nTZNAME:+07\r\nEND:STANDARD',
    );
  });

  it('writes Asia/Ho_Chi_Minh wall times 7 hours after UTC and resolves them back to the same instants', () => {
    const events = [
      event('2025-03-10T01:30:00Z', '2025-03-10T03:00:00Z'),
      // Crosses midnight local time and the UTC year boundary.
      event('2025-12-31T16:30:00Z', '2025-12-31T18:00:00Z'),
    ];
    const ics = renderCalendar(feed('Asia/Ho_Chi_Minh', events));

    expect(ics).toContain('\r\nDTSTART;TZID=Asia/Ho_Chi_Minh:20250310T083000\r\n');
    expect(ics).toContain('\r\nDTEND;TZID=Asia/Ho_Chi_Minh:20250310T100000\r\n');
    expect(ics).toContain('\r\nDTSTART;TZID=Asia/Ho_Chi_Minh:20251231T233000\r\n');
    expect(ics).toContain('\r\nDTEND;TZID=Asia/Ho_Chi_Minh:20260101T010000\r\n');
    expect(parse(ics).events[0].startDate.zone.tzid).toBe('Asia/Ho_Chi_Minh');
    expectInstants(ics, events);
  });

  it('resolves winter and summer events in Europe/Berlin to the right instants', () => {
    const events = [
      event('2025-01-15T09:00:00Z', '2025-01-15T10:30:00Z'),
      event('2025-07-15T09:00:00Z', '2025-07-15T10:30:00Z'),
    ];
    const ics = renderCalendar(feed('Europe/Berlin', events));

    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Berlin:20250115T100000\r\n');
    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Berlin:20250715T110000\r\n');
    expect(ics).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20250330T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n');
    expect(ics).toContain('BEGIN:STANDARD\r\nDTSTART:20251026T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n');
    expectInstants(ics, events);
  });

  it('covers every year the events span (America/New_York, 2025 to 2026)', () => {
    const events = [
      event('2025-11-20T14:00:00Z', '2025-11-20T15:00:00Z'),
      event('2026-07-01T14:00:00Z', '2026-07-01T15:00:00Z'),
    ];
    const ics = renderCalendar(feed('America/New_York', events));

    expect(ics).toContain('\r\nDTSTART;TZID=America/New_York:20251120T090000\r\n');
    expect(ics).toContain('\r\nDTSTART;TZID=America/New_York:20260701T100000\r\n');
    expect(ics).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\n');
    expectInstants(ics, events);
  });

  it.each([
    ['Europe/Berlin', ['2025-03-30', '2025-10-26']],
    ['America/New_York', ['2025-03-09', '2025-11-02']],
    ['Australia/Sydney', ['2025-04-06', '2025-10-05']],
    ['Australia/Lord_Howe', ['2025-04-06', '2025-10-05']],
    ['Asia/Kolkata', []],
  ])('round-trips instants through 2025 in %s, sampled densely around any DST transition', (zone, transitionDays) => {
    const starts: number[] = [];
    for (let t = Date.UTC(2025, 0, 1, 0, 15); t < Date.UTC(2026, 0, 1); t += 7 * 3_600_000 + 15 * 60_000)
      starts.push(t);
    for (const day of transitionDays) {
      const midnight = Date.parse(`${day}T00:00:00Z`);
      for (let t = midnight - 86_400_000; t < midnight + 86_400_000; t += 15 * 60_000) starts.push(t);
    }
    const events = starts.map((t) => ({
      uid: `s${t}`,
      start: new Date(t),
      end: new Date(t + 30 * 60_000),
      summary: 'x',
    }));
    expectInstants(renderCalendar(feed(zone, events)), events);
  });

  it('writes wall times repeated at the end of DST in UTC form so they cannot resolve to the wrong instant', () => {
    // 02:30 Berlin time happens twice on 2025-10-26: at 00:30Z (CEST) and at 01:30Z (CET).
    const events = [
      event('2025-10-26T00:30:00Z', '2025-10-26T01:30:00Z'),
      event('2025-10-26T02:30:00Z', '2025-10-26T03:00:00Z'),
    ];
    const ics = renderCalendar(feed('Europe/Berlin', events));

    expect(ics).toContain('\r\nDTSTART:20251026T003000Z\r\nDTEND:20251026T013000Z\r\n');
    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Berlin:20251026T033000\r\n');
    expectInstants(ics, events);
  });

  it('escapes text so Vietnamese, commas, semicolons, backslashes and newlines round-trip exactly', () => {
    const summary = 'Chuyên đề 3: Tư tưởng Hồ Chí Minh; độc lập, tự do\nhạnh phúc \\ kết luận';
    const location = 'Phòng 201, Nhà A; Học viện Chính trị khu vực I';
    const description = 'Dòng một,\nDòng hai; "trích dẫn"\n\nDòng bốn';
    const events = [event('2025-03-10T01:30:00Z', '2025-03-10T03:00:00Z', { summary, location, description })];
    const ics = renderCalendar(feed('Asia/Ho_Chi_Minh', events, 'Lịch học, lớp K72; Hà Nội'));
    const parsed = parse(ics).events;

    expect(ics.replace(/\r\n /g, '')).toContain(
      'SUMMARY:Chuyên đề 3: Tư tưởng Hồ Chí Minh\\; độc lập\\, tự do\\nhạnh phúc \\\\ kết luận\r\n',
    );
    expect(parsed[0].summary).toBe(summary);
    expect(parsed[0].location).toBe(location);
    expect(parsed[0].description).toBe(description);
    // ical.js leaves X- properties unescaped; calendar apps read X-WR-CALNAME as TEXT.
    expect(ics).toContain('\r\nX-WR-CALNAME:Lịch học\\, lớp K72\\; Hà Nội\r\n');
  });

  it('folds long lines at 75 octets without splitting a character, and they unfold to the original', () => {
    const description =
      'Nghiên cứu chủ nghĩa Mác – Lênin, tư tưởng Hồ Chí Minh và đường lối của Đảng Cộng sản Việt Nam; '.repeat(8) +
      '𝓣𝓮𝔁𝓽 😀 漢字 ở cuối.';
    const events = [event('2025-03-10T01:30:00Z', '2025-03-10T03:00:00Z', { description })];
    const ics = renderCalendar(feed('Asia/Ho_Chi_Minh', events));

    const physical = ics.split('\r\n').slice(0, -1);
    for (const line of physical) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // A lone surrogate would not survive a UTF-8 round trip.
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    }
    const descriptionLines = physical.slice(physical.findIndex((line) => line.startsWith('DESCRIPTION:')));
    expect(descriptionLines[1].startsWith(' ')).toBe(true);
    expect(descriptionLines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(5);
    expect(ics.replace(/\r\n /g, '')).toContain(`DESCRIPTION:${description.replace(/([,;])/g, '\\$1')}\r\n`);
    expect(parse(ics).events[0].description).toBe(description);
  });

  it('uses CRLF for every line break and ends with one', () => {
    const events = [event('2025-03-10T01:30:00Z', '2025-03-10T03:00:00Z', { description: 'a\nb\r\nc'.repeat(30) })];
    const ics = renderCalendar(feed('Asia/Ho_Chi_Minh', events));

    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('marks cancelled events and includes optional properties only when given', () => {
    const lastModified = new Date('2025-02-20T08:15:30Z');
    const events = [
      event('2025-03-10T01:30:00Z', '2025-03-10T03:00:00Z', { cancelled: true, lastModified, location: null }),
      event('2025-03-11T01:30:00Z', '2025-03-11T03:00:00Z'),
    ];
    const ics = renderCalendar(feed('Asia/Ho_Chi_Minh', events));
    const [cancelled, confirmed] = parse(ics).calendar.getAllSubcomponents('vevent');

    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(confirmed.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(cancelled.getFirstPropertyValue('uid')).toBe('session-2025-03-10T01:30:00Z@lyluan');
    expect(ics).toContain('\r\nLAST-MODIFIED:20250220T081530Z\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20250301T000000Z\r\n');
    expect(cancelled.hasProperty('location')).toBe(false);
    expect(confirmed.hasProperty('last-modified')).toBe(false);
    expect(confirmed.hasProperty('description')).toBe(false);
  });

  it('refuses an unknown time zone with a RangeError', () => {
    expect(() => renderCalendar(feed('Asia/Atlantis', []))).toThrow(RangeError);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones and rejects anything else', () => {
    expect(isValidTimeZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Asia/Atlantis')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
