import { Injectable } from '@nestjs/common';
import { Environment } from '../config/environment';
import { JobContext, JobHandler } from './job-handler.decorator';

export const OUTBOX_PURGE_JOB = 'outbox.purge';

/** Daily: handled events older than the retention period go; dead ones stay until an admin acts. */
@Injectable()
export class OutboxPurgeHandler {
  constructor(private readonly env: Environment) {}

  @JobHandler(OUTBOX_PURGE_JOB)
  async purge(_payload: Record<string, unknown>, { em }: JobContext): Promise<{ deleted: number }> {
    const result: [unknown[], number] = await em.query(
      `DELETE FROM outbox_events WHERE status = 'done' AND processed_at < now() - make_interval(days => $1)`,
      [this.env.OUTBOX_RETENTION_DAYS],
    );
    return { deleted: result[1] };
  }
}
