/** Quiet hours as `HH:MM` start and end in a timezone, e.g. 21:00–07:00 (they may wrap midnight). */
export interface QuietHours {
  start: string;
  end: string;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** The wall-clock minutes since midnight and the offset-free parts of `at` in `timeZone`. */
function localClock(at: Date, timeZone: string): { minutes: number; seconds: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const value = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { minutes: value('hour') * 60 + value('minute'), seconds: value('second') };
}

/**
 * When an email due at `at` may be sent: `at` itself outside quiet hours, otherwise the moment
 * they end in `timeZone`. Counted in wall-clock minutes, so a 22:30 reminder goes at 07:00.
 */
export function afterQuietHours(at: Date, timeZone: string, quiet: QuietHours): Date {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return at;
  const { minutes, seconds } = localClock(at, timeZone);
  const inQuiet = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!inQuiet) return at;
  const wait = (end - minutes + 24 * 60) % (24 * 60);
  const next = new Date(at.getTime() + wait * 60_000 - seconds * 1000 - at.getMilliseconds());
  // Across a daylight-saving change the wall clock moved: land on the end by local time anyway.
  const drift = localClock(next, timeZone).minutes - end;
  return drift === 0 ? next : new Date(next.getTime() - drift * 60_000);
}
