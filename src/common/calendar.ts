/** The calendar day (YYYY-MM-DD) it is now in `timeZone`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Midnight at the start of a calendar day in `timeZone`, as an instant. */
export function startOfDay(day: string, timeZone: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  const shown = new Date(utcMidnight.toLocaleString('en-US', { timeZone }));
  const utcShown = new Date(utcMidnight.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(utcMidnight.getTime() - (shown.getTime() - utcShown.getTime()));
}
