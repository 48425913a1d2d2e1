import { Injectable } from '@nestjs/common';
import { Environment } from '../config/environment';
import { JobContext, JobHandler } from '../queue/job-handler.decorator';

export const IDEMPOTENCY_PURGE_JOB = 'idempotency.purge';

/** Daily: keys older than their time to live go, so a client may reuse a key after that. */
@Injectable()
export class IdempotencyPurgeHandler {
  constructor(private readonly env: Environment) {}

  @JobHandler(IDEMPOTENCY_PURGE_JOB)
  async purge(_payload: Record<string, unknown>, { em }: JobContext): Promise<{ deleted: number }> {
    const result: [unknown[], number] = await em.query(
      `DELETE FROM idempotency_records WHERE created_at < now() - make_interval(hours => $1)`,
      [this.env.IDEMPOTENCY_KEY_TTL_HOURS],
    );
    return { deleted: result[1] };
  }
}
