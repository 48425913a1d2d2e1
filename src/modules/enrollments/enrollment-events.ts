import type { Topic } from '../../queue/topics';

/** Outbox topics about enrolments (payloads in `queue/topics.ts`). */
export const ENROLLMENT_PROGRESS_CHANGED = 'enrollment.progress_changed' satisfies Topic;
export const ENROLLMENT_COMPLETED = 'enrollment.completed' satisfies Topic;
export const ENROLLMENT_FAILED = 'enrollment.failed' satisfies Topic;
export const ENROLLMENT_DECIDED = 'enrollment.decided' satisfies Topic;
export const ENROLLMENT_CLASSIFIED = 'enrollment.classified' satisfies Topic;

/** Enrolments' subscribers: each recomputes the summary of the enrolments its fact touches. */
export const ENROLLMENT_SUBSCRIBERS = {
  refreshProgress: 'enrollments.refresh-progress',
  progressOnAttendance: 'enrollments.progress-on-attendance',
  feedOnCertificateIssued: 'enrollments.feed-on-certificate-issued',
  feedOnCertificateRevoked: 'enrollments.feed-on-certificate-revoked',
  feedOnCertificateReissued: 'enrollments.feed-on-certificate-reissued',
} as const;

/** Certificate events batched per job: closing a big class issues thousands. */
export const FEED_BATCH = 100;

/**
 * Progress events batched per job: a mass check-in or an enrolment import makes one per learner,
 * and a job of its own each cost more than the recomputation (bench/capacity.ts).
 */
export const PROGRESS_BATCH = 100;
