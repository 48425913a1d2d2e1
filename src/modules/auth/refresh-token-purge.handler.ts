import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export const REFRESH_TOKEN_PURGE_JOB = 'auth.refresh-tokens.purge';

/**
 * Daily: deletes the tokens of sessions that are over, every token of the family revoked or expired
 * for a week. A live family keeps its rotated tokens, since reuse of one of them must still be caught.
 */
@Injectable()
export class RefreshTokenPurgeHandler {
  constructor(private readonly repository: RefreshTokensRepository) {}

  @JobHandler(REFRESH_TOKEN_PURGE_JOB)
  async purge(_payload: Record<string, unknown>, { em }: JobContext): Promise<{ deleted: number }> {
    const deleted = await this.repository.deleteEndedFamilies(em);
    return { deleted };
  }
}
