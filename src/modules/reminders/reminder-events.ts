import type { Topic } from '../../queue/topics';

export const REMINDER_DUE = 'reminder.due' satisfies Topic;
export const REMINDER_PAGE_DUE = 'reminder.page_due' satisfies Topic;
export const SESSION_RESCHEDULED = 'session.rescheduled' satisfies Topic;

/** Reminders' scheduled job and subscribers. */
export const REMINDER_JOBS = {
  scan: 'reminders.scan',
  fanOut: 'reminders.fan-out',
  fanOutPage: 'reminders.fan-out-page',
  cancelMoved: 'reminders.cancel-moved-session',
} as const;

/** Recipients per `notify` call: a session of 100,000 learners is a hundred statements of a thousand, not one. */
export const NOTIFY_CHUNK = 1000;
