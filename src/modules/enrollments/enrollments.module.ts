import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { AccessModule } from '../access/access.module';
import { ClassesModule } from '../classes/classes.module';
import { ImportsModule } from '../imports/imports.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { UsersModule } from '../users/users.module';
import { ENROLLMENT_PROGRESS_CHANGED, ENROLLMENT_SUBSCRIBERS, FEED_BATCH, PROGRESS_BATCH } from './enrollment-events';
import {
  ENROLLMENTS_IMPORT_SUBSCRIBER,
  ENROLLMENTS_IMPORT_TOPIC,
  EnrollmentImportService,
} from './enrollment-import.service';
import { EnrollmentsController } from './enrollments.controller';
import { EnrollmentsService } from './enrollments.service';
import { EnrollmentsRepository } from './enrollments.repository';
import { ProgressService } from './progress.service';
import { RosterModule } from './roster.module';

@Module({
  imports: [
    AccessModule,
    ClassesModule,
    ImportsModule,
    OrgUnitsModule,
    RosterModule,
    UsersModule,
    QueueModule.forFeature([
      {
        name: ENROLLMENT_SUBSCRIBERS.refreshProgress,
        topic: ENROLLMENT_PROGRESS_CHANGED,
        queue: 'system',
        batch: PROGRESS_BATCH,
      },
      {
        name: ENROLLMENT_SUBSCRIBERS.progressOnAttendance,
        topic: 'attendance.recorded',
        queue: 'system',
        batch: PROGRESS_BATCH,
      },
      { name: ENROLLMENTS_IMPORT_SUBSCRIBER, topic: ENROLLMENTS_IMPORT_TOPIC, queue: 'imports' },
      ...(
        [
          ['feedOnCertificateIssued', 'certificate.issued'],
          ['feedOnCertificateRevoked', 'certificate.revoked'],
          ['feedOnCertificateReissued', 'certificate.reissued'],
        ] as const
      ).map(([key, topic]) => ({
        name: ENROLLMENT_SUBSCRIBERS[key],
        topic,
        queue: 'system' as const,
        batch: FEED_BATCH,
      })),
    ]),
  ],
  controllers: [EnrollmentsController],
  providers: [EnrollmentsRepository, EnrollmentsService, EnrollmentImportService, ProgressService],
  exports: [EnrollmentsService, ProgressService],
})
export class EnrollmentsModule {}
