import type { Topic } from '../../queue/topics';

/** Outbox topics of exams (payloads in `queue/topics.ts`): grading runs on the `grading` queue, never in the request. */
export const ATTEMPT_SUBMITTED = 'attempt.submitted' satisfies Topic;
export const ATTEMPT_DEADLINE = 'attempt.deadline' satisfies Topic;
export const ATTEMPT_GRADED = 'attempt.graded' satisfies Topic;
/** Submissions graded per job: a few statements score a whole batch (see bench/RESULTS.md, grading). */
export const GRADING_BATCH = 100;

/** Exams' subscribers: what exams do when these facts are published. */
export const EXAM_SUBSCRIBERS = {
  gradeSubmitted: 'exams.grade-submitted',
  submitAtDeadline: 'exams.submit-at-deadline',
  regradeOnKeyChange: 'exams.regrade-on-key-change',
} as const;
