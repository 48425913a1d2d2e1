import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { CERTIFICATE_ISSUED } from '../certificates/certificate-events';
import { CertificatesModule } from '../certificates/certificates.module';
import { ClassesModule } from '../classes/classes.module';
import { ENROLLMENT_DECIDED } from '../enrollments/enrollment-events';
import { ATTEMPT_GRADED } from '../exams/exam-events';
import { ExamsModule } from '../exams/exams.module';
import { WEBHOOK_DISABLED } from '../webhooks/webhook-events';
import { EventNotificationsService } from './event-notifications.service';
import { Mailer } from './mailer';
import { EMAIL_BATCH, NotificationEmailService } from './notification-email.service';
import { NOTIFICATION_SUBSCRIBERS } from './notification-events';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NOTIFICATION_EMAIL_DUE, NotificationsService } from './notifications.service';

@Module({
  imports: [
    CertificatesModule,
    ClassesModule,
    ExamsModule,
    QueueModule.forFeature([
      {
        name: NOTIFICATION_SUBSCRIBERS.sendEmail,
        topic: NOTIFICATION_EMAIL_DUE,
        queue: 'notifications',
        batch: EMAIL_BATCH,
      },
      { name: NOTIFICATION_SUBSCRIBERS.onCertificateIssued, topic: CERTIFICATE_ISSUED, queue: 'notifications' },
      { name: NOTIFICATION_SUBSCRIBERS.onEnrollmentDecided, topic: ENROLLMENT_DECIDED, queue: 'notifications' },
      { name: NOTIFICATION_SUBSCRIBERS.onAttemptGraded, topic: ATTEMPT_GRADED, queue: 'notifications' },
      { name: NOTIFICATION_SUBSCRIBERS.onWebhookDisabled, topic: WEBHOOK_DISABLED, queue: 'notifications' },
    ]),
  ],
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    NotificationsService,
    Mailer,
    NotificationEmailService,
    EventNotificationsService,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
