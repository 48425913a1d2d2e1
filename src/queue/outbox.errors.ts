import { conflict, ProblemException } from '../common/problem';

/** 409: only a dead event is sent again; a pending or delivered one is on its way or done. */
export const outboxEventNotDead = (status: string): ProblemException =>
  conflict(
    'outbox_event_not_dead',
    `Chỉ gửi lại được sự kiện ở trạng thái dead; sự kiện này đang ở trạng thái ${status}.`,
  );
