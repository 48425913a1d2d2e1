import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';

export const REFRESH_TOKEN_PURGE_JOB = 'auth.refresh-tokens.purge';

/**
 * Daily: deletes the tokens of sessions that are over, every token of the family revoked or expired
 * for a week. A live family keeps its rotated tokens, since reuse of one of them must still be caught.
 */
@Injectable()
export class RefreshTokenPurgeHandler {
  @JobHandler(REFRESH_TOKEN_PURGE_JOB)
  async purge(_payload: Record<string, unknown>, { em }: JobContext): Promise<{ deleted: number }> {
    const [, deleted]: [unknown[], number] = await em.query(
      `DELETE FROM refresh_tokens WHERE family_id IN (
         SELECT family_id FROM refresh_tokens GROUP BY family_id
         HAVING bool_and(revoked_at IS NOT NULL OR expires_at < now() - interval '7 days'))`,
    );
    return { deleted };
  }
}
