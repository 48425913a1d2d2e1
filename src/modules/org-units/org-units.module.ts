import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { AccessModule } from '../access/access.module';
import { APPLY_ORG_UNIT_CHANGE, OrgUnitChangeHandler } from './org-unit-change.handler';
import { OrgUnitsController } from './org-units.controller';
import { OrgUnitsRepository } from './org-units.repository';
import { ORG_UNIT_CHANGE_DUE_JOB, OrgUnitsService } from './org-units.service';

@Module({
  imports: [
    AccessModule,
    QueueModule.forFeature([{ name: APPLY_ORG_UNIT_CHANGE, topic: ORG_UNIT_CHANGE_DUE_JOB, queue: 'system' }]),
  ],
  controllers: [OrgUnitsController],
  providers: [OrgUnitsRepository, OrgUnitsService, OrgUnitChangeHandler],
  exports: [OrgUnitsService],
})
export class OrgUnitsModule {}
