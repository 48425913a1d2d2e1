import { Injectable, Logger } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { BatchJobHandler, JobContext } from '../../queue/job-handler.decorator';
import { OutboxService } from '../../queue/outbox.service';
import type { TopicPayloads } from '../../queue/topics';
import { Mailer } from './mailer';
import { isSafeAddress } from './mime-message';
import { NOTIFICATION_SUBSCRIBERS } from './notification-events';
import { NotificationsRepository } from './notifications.repository';
import { NOTIFICATION_EMAIL_DUE } from './notifications.service';
import { renderEmail } from './templates';

const MAX_ERROR_LENGTH = 1000;

/** Emails sent per job: a reminder to 100,000 learners is a thousand jobs, not 100,000. */
export const EMAIL_BATCH = 100;

type Outcome = { sent: true } | { sent: false; permanent: boolean; error: string };

/**
 * Sends notifications' emails when they are due, a batch per job over the pooled SMTP connections.
 * The rows are locked and an email sent only while it is `pending`, then marked in the job's
 * transaction: a duplicate job finds it sent, a cancelled one is skipped. A permanent refusal (5xx)
 * is `failed` at once; a temporary one (4xx, network) is tried again later by a new outbox event
 * with a growing delay, so the batch's sent marks commit and nothing sent is sent again.
 */
@Injectable()
export class NotificationEmailService {
  private readonly logger = new Logger(NotificationEmailService.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly mailer: Mailer,
    private readonly outbox: OutboxService,
    private readonly env: Environment,
  ) {}

  @BatchJobHandler(NOTIFICATION_SUBSCRIBERS.sendEmail)
  async onEmailsDue(payloads: TopicPayloads['notification.email_due'][], { em }: JobContext): Promise<void> {
    const attemptOf = new Map(payloads.map((p) => [p.notificationId, p.attempt ?? 1]));
    const due = (await this.notifications.lockForEmail(em, [...attemptOf.keys()])).filter(
      (n) => n.emailStatus === 'pending',
    );
    const outcomes = await Promise.all(
      due.map(async (found): Promise<Outcome> => {
        if (!found.email) return { sent: false, permanent: true, error: 'the person has no email address any more' };
        if (!isSafeAddress(found.email))
          return { sent: false, permanent: true, error: 'the email address is malformed' };
        if (!this.mailer.enabled) return { sent: false, permanent: true, error: 'email is off: SMTP_URL is not set' };
        try {
          const message = renderEmail(found, found.fullName, this.env.PUBLIC_BASE_URL);
          await this.mailer.send({
            to: { name: found.fullName, address: found.email },
            messageId: found.id,
            ...message,
          });
          return { sent: true };
        } catch (error) {
          const code = (error as { responseCode?: number }).responseCode;
          return { sent: false, permanent: !!code && code >= 500 && code <= 599, error: (error as Error).message };
        }
      }),
    );
    const now = new Date();
    await this.notifications.markEmail(
      em,
      due.filter((_, i) => outcomes[i].sent).map((n) => n.id),
      { emailStatus: 'sent', emailSentAt: now, emailError: null },
    );
    for (const [i, found] of due.entries()) {
      const outcome = outcomes[i];
      if (outcome.sent) continue;
      const attempt = attemptOf.get(found.id)!;
      const error = outcome.error.slice(0, MAX_ERROR_LENGTH);
      if (outcome.permanent || attempt >= this.env.JOB_MAX_ATTEMPTS) {
        this.logger.warn(`Email of notification ${found.id} failed for good: ${error}`);
        await this.notifications.markEmail(em, [found.id], {
          emailStatus: 'failed',
          emailSentAt: null,
          emailError: error,
        });
        continue;
      }
      await this.notifications.markEmail(em, [found.id], {
        emailStatus: 'pending',
        emailSentAt: null,
        emailError: error,
      });
      await this.outbox.publish(
        em,
        NOTIFICATION_EMAIL_DUE,
        { notificationId: found.id, attempt: attempt + 1 },
        { availableAt: new Date(now.getTime() + this.env.JOB_BACKOFF_MS * 2 ** (attempt - 1)) },
      );
    }
  }
}
