/** Outbox topics of exams: grading runs on the `grading` queue, never in the request. */
export const ATTEMPT_SUBMITTED = 'attempt.submitted';
export const ATTEMPT_DEADLINE = 'attempt.deadline';
/** Submissions graded per job: a few statements score a whole batch (see bench/RESULTS.md, grading). */
export const GRADING_BATCH = 100;
