/**
 * Pure iCalendar (RFC 5545) rendering of a class timetable. Zone rules come from the runtime's Intl data, so the
 * app ships no tz database and the VTIMEZONE always matches the offsets used for DTSTART/DTEND.
 */

export interface CalendarEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location?: string | null;
  description?: string | null;
  lastModified?: Date;
  cancelled?: boolean;
}

export interface CalendarFeed {
  name: string;
  /** IANA zone, e.g. Asia/Ho_Chi_Minh. */
  timezone: string;
  events: CalendarEvent[];
  /**
   * When the feed's content last changed, written as each event's DTSTAMP (RFC 5545: the last
   * revision when there is no METHOD): the same feed renders the same bytes, so its ETag holds.
   */
  revisedAt: Date;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

interface Transition {
  /** First whole minute (epoch ms) on the new offset. */
  at: number;
  /** Offsets in seconds east of UTC. */
  from: number;
  to: number;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function renderCalendar(feed: CalendarFeed): string {
  const offsetAt = zoneOffsetReader(feed.timezone);

  let earliest = feed.revisedAt.getTime();
  let latest = earliest;
  for (const event of feed.events) {
    earliest = Math.min(earliest, event.start.getTime(), event.end.getTime());
    latest = Math.max(latest, event.start.getTime(), event.end.getTime());
  }
  const firstYear = new Date(earliest).getUTCFullYear();
  const lastYear = new Date(latest).getUTCFullYear();
  const windowStart = Date.UTC(firstYear, 0, 1);
  const initialOffset = offsetAt(windowStart);
  const transitions = findTransitions(offsetAt, windowStart, Date.UTC(lastYear + 1, 0, 1));
  const offsets = [...new Set([initialOffset, ...transitions.map((transition) => transition.to)])];

  const tzid = /[:;,]/.test(feed.timezone) ? `"${feed.timezone}"` : feed.timezone;
  const dateTime = (name: string, date: Date): string => {
    const instant = truncateToSecond(date.getTime());
    const wall = instant + offsetAt(instant) * 1000;
    // A wall time repeated when clocks go back is read as its first occurrence by RFC 5545 but as the second by
    // some clients (ical.js among them); UTC form is the only spelling every reader resolves to the same instant.
    const occurrences = offsets.filter((offset) => offsetAt(wall - offset * 1000) === offset).length;
    return occurrences > 1 ? `${name}:${formatUtc(instant)}` : `${name};TZID=${tzid}:${formatFloating(wall)}`;
  };

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lyluan//Lịch học//VI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(feed.name)}`,
    `X-WR-TIMEZONE:${feed.timezone}`,
    ...renderTimezone(feed.timezone, initialOffset, transitions),
  ];
  const dtstamp = `DTSTAMP:${formatUtc(feed.revisedAt.getTime())}`;
  for (const event of feed.events) {
    lines.push('BEGIN:VEVENT', `UID:${escapeText(event.uid)}`, dtstamp);
    lines.push(dateTime('DTSTART', event.start), dateTime('DTEND', event.end));
    lines.push(`SUMMARY:${escapeText(event.summary)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(event.lastModified.getTime())}`);
    lines.push(`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** Returns the zone's UTC offset in seconds at an instant; constructing it throws RangeError for an unknown zone. */
function zoneOffsetReader(zone: string): (instant: number) => number {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (instant) => {
    const second = truncateToSecond(instant);
    const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
    for (const part of formatter.formatToParts(second)) fields[part.type] = Number(part.value);
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second: sec = 0 } = fields;
    return (Date.UTC(year, month - 1, day, hour, minute, sec) - second) / 1000;
  };
}

/**
 * Scans day by day, then bisects to the minute. Restarting the scan at each transition catches two in one day,
 * unless they cancel out, which no zone does.
 */
function findTransitions(offsetAt: (instant: number) => number, start: number, end: number): Transition[] {
  const transitions: Transition[] = [];
  let current = offsetAt(start);
  let from = start;
  while (from < end) {
    const until = Math.min(from + DAY_MS, end);
    if (offsetAt(until) === current) {
      from = until;
      continue;
    }
    let low = from;
    let high = until;
    while (high - low > MINUTE_MS) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offsetAt(middle) === current) low = middle;
      else high = middle;
    }
    const to = offsetAt(high);
    transitions.push({ at: high, from: current, to });
    current = to;
    from = high;
  }
  return transitions;
}

/**
 * One observance for the offset in force at the window start (dated 1970 so every event is covered), then one per
 * transition with an explicit DTSTART. Only the spanned years are described, which is all the feed's events need.
 */
function renderTimezone(zone: string, initialOffset: number, transitions: Transition[]): string[] {
  // Intl does not say which offset is daylight time; the smallest one in the window is standard time everywhere
  // that matters here.
  const standardOffset = Math.min(initialOffset, ...transitions.map((transition) => transition.to));
  const observance = (dtstart: string, from: number, to: number): string[] => {
    const kind = to > standardOffset ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${kind}`,
      `DTSTART:${dtstart}`,
      `TZOFFSETFROM:${formatOffset(from)}`,
      `TZOFFSETTO:${formatOffset(to)}`,
      `TZNAME:${formatOffsetName(to)}`,
      `END:${kind}`,
    ];
  };
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    ...observance('19700101T000000', initialOffset, initialOffset),
    // An observance's DTSTART is the wall time on the offset being left.
    ...transitions.flatMap((t) => observance(formatFloating(t.at + t.from * 1000), t.from, t.to)),
    'END:VTIMEZONE',
  ];
}

function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The UTC fields of `ms` as a local DATE-TIME (no zone suffix). */
function formatFloating(ms: number): string {
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  return `${date}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

function formatUtc(ms: number): string {
  return `${formatFloating(ms)}Z`;
}

/** UTC-OFFSET value: ±HHMM, with seconds only when present; RFC 5545 forbids -0000. */
function formatOffset(seconds: number): string {
  const abs = Math.abs(seconds);
  const secs = abs % 60;
  return `${seconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}${pad(Math.floor(abs / 60) % 60)}${secs ? pad(secs) : ''}`;
}

/** Numeric abbreviation in the tz database's style ("+07", "+0530") since Intl's names are locale-dependent. */
function formatOffsetName(seconds: number): string {
  const abs = Math.abs(seconds);
  const minutes = Math.floor(abs / 60) % 60;
  return `${seconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}${minutes ? pad(minutes) : ''}`;
}

function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n?|\n/g, '\\n')
      // TEXT may not contain control characters other than HTAB.
      .replace(/(?!\t)\p{Cc}/gu, '')
  );
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/** Folds at 75 octets between code points; each continuation line's leading space counts toward its 75. */
function foldLine(line: string): string {
  const physical: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > MAX_LINE_OCTETS) {
      physical.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  physical.push(current);
  return physical.join(CRLF);
}
