import { Injectable, Logger } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';
import type { TopicPayloads } from '../../queue/topics';
import { Mailer } from './mailer';
import { NOTIFICATION_SUBSCRIBERS } from './notification-events';
import { NotificationsRepository } from './notifications.repository';
import { renderEmail } from './templates';

const MAX_ERROR_LENGTH = 1000;

/**
 * Sends a notification's email when it is due. The row is locked and the email sent only while it
 * is `pending`, and marked `sent` in the job's transaction: a duplicate or retried job after a
 * success finds it sent, a cancelled one is skipped. A permanent refusal (5xx) is recorded as
 * `failed` and not retried; anything else (4xx, network) fails the job, which is retried.
 */
@Injectable()
export class NotificationEmailService {
  private readonly logger = new Logger(NotificationEmailService.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly mailer: Mailer,
    private readonly env: Environment,
  ) {}

  @JobHandler(NOTIFICATION_SUBSCRIBERS.sendEmail)
  async onEmailDue({ notificationId }: TopicPayloads['notification.email_due'], { em }: JobContext): Promise<void> {
    const found = await this.notifications.lockForEmail(em, notificationId);
    if (found?.emailStatus !== 'pending') return;
    const fail = (error: string) =>
      this.notifications.markEmail(em, found.id, {
        emailStatus: 'failed',
        emailSentAt: null,
        emailError: error.slice(0, MAX_ERROR_LENGTH),
      });
    if (!found.email) return fail('the person has no email address any more');
    if (!this.mailer.enabled) return fail('email is off: SMTP_URL is not set');
    const message = renderEmail(found, found.fullName, this.env.PUBLIC_BASE_URL);
    try {
      await this.mailer.send({ to: { name: found.fullName, address: found.email }, ...message });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (!code || code < 500 || code > 599) throw error;
      this.logger.warn(`Email of notification ${found.id} refused for good: ${(error as Error).message}`);
      return fail((error as Error).message);
    }
    await this.notifications.markEmail(em, found.id, {
      emailStatus: 'sent',
      emailSentAt: new Date(),
      emailError: null,
    });
  }
}
