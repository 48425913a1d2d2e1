/** Outbox topics of exams: grading runs on the `grading` queue, never in the request. */
export const ATTEMPT_SUBMITTED = 'attempt.submitted';
export const ATTEMPT_DEADLINE = 'attempt.deadline';
