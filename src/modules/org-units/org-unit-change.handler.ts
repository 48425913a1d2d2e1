import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';
import { OrgUnitsService } from './org-units.service';

export const APPLY_ORG_UNIT_CHANGE = 'org-units.apply-change';

/** A move or merge recorded ahead of its effective day takes effect when the day starts. */
@Injectable()
export class OrgUnitChangeHandler {
  constructor(private readonly units: OrgUnitsService) {}

  @JobHandler(APPLY_ORG_UNIT_CHANGE)
  async apply(payload: Record<string, unknown>, { em }: JobContext): Promise<void> {
    await this.units.applyDue(em, String(payload.changeId));
  }
}
