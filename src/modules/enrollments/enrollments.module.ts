import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { AccessModule } from '../access/access.module';
import { ClassesModule } from '../classes/classes.module';
import { ImportsModule } from '../imports/imports.module';
import { UsersModule } from '../users/users.module';
import { ENROLLMENT_COMPLETED, ENROLLMENT_FAILED, ENROLLMENT_PROGRESS_CHANGED } from './enrollment-events';
import { ENROLLMENTS_IMPORT_JOB, EnrollmentImportService } from './enrollment-import.service';
import { EnrollmentOutcomeHandler } from './enrollment-outcome.handler';
import { EnrollmentsController } from './enrollments.controller';
import { EnrollmentsService } from './enrollments.service';
import { ProgressService } from './progress.service';

@Module({
  imports: [
    AccessModule,
    ClassesModule,
    ImportsModule,
    UsersModule,
    QueueModule.forFeature([
      { name: ENROLLMENT_PROGRESS_CHANGED, queue: 'system' },
      { name: ENROLLMENT_COMPLETED, queue: 'certificates' },
      { name: ENROLLMENT_FAILED, queue: 'notifications' },
      { name: ENROLLMENTS_IMPORT_JOB, queue: 'imports' },
    ]),
  ],
  controllers: [EnrollmentsController],
  providers: [EnrollmentsService, EnrollmentImportService, ProgressService, EnrollmentOutcomeHandler],
  exports: [EnrollmentsService, ProgressService],
})
export class EnrollmentsModule {}
