/** Outbox topics about enrolments; other features publish progress changes through them. */
export const ENROLLMENT_PROGRESS_CHANGED = 'enrollment.progress_changed';
export const ENROLLMENT_COMPLETED = 'enrollment.completed';
export const ENROLLMENT_FAILED = 'enrollment.failed';
