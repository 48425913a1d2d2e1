import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { OrgScopeService } from './org-scope.service';
import { APPLY_ORG_UNIT_CHANGE, OrgUnitChangeHandler } from './org-unit-change.handler';
import { OrgUnitsController } from './org-units.controller';
import { ORG_UNIT_CHANGE_DUE_JOB, OrgUnitsService } from './org-units.service';

@Module({
  imports: [QueueModule.forFeature([{ name: APPLY_ORG_UNIT_CHANGE, topic: ORG_UNIT_CHANGE_DUE_JOB, queue: 'system' }])],
  controllers: [OrgUnitsController],
  providers: [OrgUnitsService, OrgScopeService, OrgUnitChangeHandler],
  exports: [OrgUnitsService, OrgScopeService],
})
export class OrgUnitsModule {}
