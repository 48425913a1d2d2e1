import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';
import { ORG_UNIT_CHANGE_DUE_JOB, OrgUnitsService } from './org-units.service';

/** A move or merge recorded ahead of its effective day takes effect when the day starts. */
@Injectable()
export class OrgUnitChangeHandler {
  constructor(private readonly units: OrgUnitsService) {}

  @JobHandler(ORG_UNIT_CHANGE_DUE_JOB)
  async apply(payload: Record<string, unknown>, { em }: JobContext): Promise<void> {
    await this.units.applyDue(em, String(payload.changeId));
  }
}
