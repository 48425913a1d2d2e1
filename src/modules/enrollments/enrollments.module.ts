import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { ClassesModule } from '../classes/classes.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { ENROLLMENT_COMPLETED, ENROLLMENT_FAILED, ENROLLMENT_PROGRESS_CHANGED } from './enrollment-events';
import { EnrollmentOutcomeHandler } from './enrollment-outcome.handler';
import { EnrollmentsController } from './enrollments.controller';
import { EnrollmentsService } from './enrollments.service';
import { ProgressService } from './progress.service';

@Module({
  imports: [
    ClassesModule,
    OrgUnitsModule,
    QueueModule.forFeature([
      { name: ENROLLMENT_PROGRESS_CHANGED, queue: 'system' },
      { name: ENROLLMENT_COMPLETED, queue: 'certificates' },
      { name: ENROLLMENT_FAILED, queue: 'notifications' },
    ]),
  ],
  controllers: [EnrollmentsController],
  providers: [EnrollmentsService, ProgressService, EnrollmentOutcomeHandler],
  exports: [EnrollmentsService, ProgressService],
})
export class EnrollmentsModule {}
