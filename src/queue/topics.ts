/**
 * Every outbox topic and its payload, declared once. A topic names a fact; the features that react
 * to it declare subscribers with `QueueModule.forFeature`. Payloads travel as JSON: dates are ISO
 * strings.
 */
export interface TopicPayloads {
  /** A learner (or the deadline) submitted an attempt: it waits to be graded. */
  'attempt.submitted': { attemptId: string };
  /** An attempt's time is up: still open, it is submitted with what was saved. */
  'attempt.deadline': { attemptId: string };
  /**
   * An attempt was scored with no essay left to grade, first or again (a corrected key, an
   * instructor's essay points). `final`: the exam is the class's final exam, so its result feeds
   * the enrolment's final score. `manual`: an instructor's essay points finished the grading (the
   * learner is told; automatic grading right after submitting needs no notice).
   */
  'attempt.graded': {
    attemptId: string;
    examId: string;
    classId: string;
    enrollmentId: string;
    userId: string;
    score: number;
    maxScore: number;
    score10: number;
    final: boolean;
    manual: boolean;
  };
  /** A question's scoring changed: attempts that used it are rescored. */
  'question.key_changed': { questionId: string; courseId: string };
  /** Attendance of a session was recorded (check-in or an instructor's list) for these enrolments. */
  'attendance.recorded': { sessionId: string; classId: string; enrollmentIds: string[] };
  /** A class was created or edited (dates, status, settings): what it counts toward may have changed. */
  'class.changed': { classId: string; orgUnitId: string };
  /** A class was closed: its enrolments are finalised in the same transaction. */
  'class.closed': { classId: string; orgUnitId: string; closedAt: string };
  /** Enrolments' own changes (a seat taken, a lesson completed) that change an enrolment's summary. */
  'enrollment.progress_changed': { enrollmentId: string };
  /** An enrolment was finalised as completed (at closing, or again after a later result). */
  'enrollment.completed': { enrollmentId: string; classId: string; unmet: string[] };
  /** An enrolment was finalised as failed; `unmet` says why, in Vietnamese, one line per condition. */
  'enrollment.failed': { enrollmentId: string; classId: string; unmet: string[] };
  /** An enrolment's stored classification changed (a new or changed final score), whatever its status. */
  'enrollment.classified': { enrollmentId: string; classId: string };
  /** An admin approved (`active`) or rejected a pending enrolment request. */
  'enrollment.decided': { enrollmentId: string; classId: string; userId: string; status: 'active' | 'rejected' };
  /** The learner or an admin withdrew an active or pending enrolment. */
  'enrollment.withdrawn': { enrollmentId: string; classId: string; userId: string };
  /** A user import was uploaded and waits to be applied. */
  'imports.users': { importId: string };
  /** An enrolment import was uploaded and waits to be applied. */
  'imports.enrollments': { importId: string };
  /** An org-unit move or merge recorded ahead of its day reached its effective day. */
  'org-units.change-due': { changeId: string };
  /** A move or merge took effect: the unit's subtree now counts where its new `rollup_path` says. */
  'org-units.changed': { changeId: string; orgUnitId: string; kind: 'moved' | 'merged' };
  /** A certificate became valid (issued, or reissued as a replacement); its PDF follows by job. */
  'certificate.issued': CertificateFact;
  /** A valid certificate was revoked; the status list shows it from now on. */
  'certificate.revoked': CertificateFact & { reason: string };
  /** A reissue replaced `replacedId` (now superseded) by `certificateId`. */
  'certificate.reissued': CertificateFact & { replacedId: string; reason: string };
  /** A unit's issuing settings were saved: pending certificates in its subtree can be issued. */
  'certificate-settings.saved': { orgUnitId: string };
  /** A notification's email is due (quiet hours over): one event per message. */
  /** `attempt`: 2, 3… when an earlier try met a temporary SMTP failure. */
  'notification.email_due': { notificationId: string; attempt?: number };
  /** A webhook delivery (one event for one webhook) is due for its next attempt. */
  'webhook.delivery_due': { deliveryId: string };
  /** A webhook was disabled after too many failed deliveries in a row; its owner should hear of it. */
  'webhook.disabled': {
    webhookId: string;
    orgUnitId: string;
    ownerUserId: string | null;
    url: string;
    /** The last attempt's error, as the deliveries log has it. */
    lastError: string;
  };
  /** A session was moved to another start: reminders for the old start are stale. */
  'session.rescheduled': { sessionId: string; classId: string; startsAt: string; previousStartsAt: string };
  /**
   * A scan found a reminder due: `kind` (a notification kind) of `objectId`, for the occasion at
   * `occursAt` (session start, exam close, class end, probation end), `lead` before it.
   */
  'reminder.due': {
    kind: 'session.reminder' | 'exam.closing' | 'class.lessons_due' | 'probation.certificate_missing';
    objectId: string;
    lead: string;
    dueAt: string;
    occursAt: string;
    scannedAt: string;
  };
  /**
   * A page of a due reminder's recipients: user ids after `afterUserId`, up to `throughUserId`
   * (to the end when null or absent).
   */
  'reminder.page_due': TopicPayloads['reminder.due'] & { afterUserId: string; throughUserId?: string | null };
}

/** Which certificate, whose, and where: enough for notifications and webhooks to route it. */
export interface CertificateFact {
  certificateId: string;
  enrollmentId: string;
  userId: string;
  classId: string;
  orgUnitId: string;
}

export type Topic = keyof TopicPayloads;

/** Topics whose event asks for an uploaded import to be applied. */
export type ImportTopic = 'imports.users' | 'imports.enrollments';

const TOPIC_SET = {
  'attempt.submitted': true,
  'attempt.deadline': true,
  'attempt.graded': true,
  'question.key_changed': true,
  'attendance.recorded': true,
  'class.changed': true,
  'class.closed': true,
  'enrollment.progress_changed': true,
  'enrollment.completed': true,
  'enrollment.failed': true,
  'enrollment.classified': true,
  'enrollment.decided': true,
  'enrollment.withdrawn': true,
  'imports.users': true,
  'imports.enrollments': true,
  'org-units.change-due': true,
  'org-units.changed': true,
  'certificate.issued': true,
  'certificate.revoked': true,
  'certificate.reissued': true,
  'certificate-settings.saved': true,
  'notification.email_due': true,
  'webhook.delivery_due': true,
  'webhook.disabled': true,
  'session.rescheduled': true,
  'reminder.due': true,
  'reminder.page_due': true,
} satisfies Record<Topic, true>;

/** The topics at run time, for the start-up and publish checks. */
export const TOPICS = Object.keys(TOPIC_SET) as Topic[];
