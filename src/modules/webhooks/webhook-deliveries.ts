import { Injectable } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';
import type { OutboxJobData } from '../../queue/outbox-relay';
import { OutboxService } from '../../queue/outbox.service';
import type { TopicPayloads } from '../../queue/topics';
import {
  DELIVER_SUBSCRIBER,
  fanOutSubscriber,
  WEBHOOK_DELIVERY_DUE,
  WEBHOOK_DISABLED,
  WebhookEvent,
} from './webhook-events';
import { WebhookSender } from './webhook-sender';
import { DeliveryToSend, WebhooksRepository } from './webhooks.repository';

type EventPayload = TopicPayloads[WebhookEvent] & { enrollmentId?: string; userId?: string };

/**
 * The webhooks' subscribers. A fan-out per event writes one delivery for each active webhook of
 * the event's class unit or an ancestor, and publishes `webhook.delivery_due` for each. Delivering
 * sends one attempt and logs it; a failed attempt with attempts left publishes the next one,
 * delayed (exponential backoff), in the same transaction, so the log, the retry and the failure
 * count commit together. The attempt runs inside the job's transaction: a crash after sending
 * sends again, with the same `webhook-id`, which receivers use to drop the repeat.
 */
@Injectable()
export class WebhookDeliveries {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: OutboxService,
    private readonly sender: WebhookSender,
    private readonly env: Environment,
  ) {}

  @JobHandler(fanOutSubscriber('enrollment.completed'))
  enrollmentCompleted(payload: EventPayload, context: JobContext): Promise<void> {
    return this.fanOut('enrollment.completed', payload, context);
  }

  @JobHandler(fanOutSubscriber('enrollment.failed'))
  enrollmentFailed(payload: EventPayload, context: JobContext): Promise<void> {
    return this.fanOut('enrollment.failed', payload, context);
  }

  @JobHandler(fanOutSubscriber('attempt.graded'))
  attemptGraded(payload: EventPayload, context: JobContext): Promise<void> {
    return this.fanOut('attempt.graded', payload, context);
  }

  @JobHandler(fanOutSubscriber('certificate.issued'))
  certificateIssued(payload: EventPayload, context: JobContext): Promise<void> {
    return this.fanOut('certificate.issued', payload, context);
  }

  @JobHandler(fanOutSubscriber('certificate.revoked'))
  certificateRevoked(payload: EventPayload, context: JobContext): Promise<void> {
    return this.fanOut('certificate.revoked', payload, context);
  }

  @JobHandler(fanOutSubscriber('class.closed'))
  classClosed(payload: EventPayload, context: JobContext): Promise<void> {
    return this.fanOut('class.closed', payload, context);
  }

  @JobHandler(DELIVER_SUBSCRIBER)
  async deliver({ deliveryId }: TopicPayloads[typeof WEBHOOK_DELIVERY_DUE], { em }: JobContext): Promise<void> {
    const delivery = await this.webhooks.pendingDelivery(em, deliveryId);
    if (!delivery) return;
    if (delivery.webhookStatus !== 'active') {
      await this.webhooks.setDeliveryStatus(em, deliveryId, 'cancelled');
      return;
    }
    const outcome = await this.sender.send(delivery);
    const attempt = delivery.attempts + 1;
    await this.webhooks.recordAttempt(em, { deliveryId, webhookId: delivery.webhookId, attempt, ...outcome });
    if (outcome.error === null) {
      await this.webhooks.setDeliveryStatus(em, deliveryId, 'succeeded');
      await this.webhooks.resetFailures(em, delivery.webhookId);
    } else if (attempt < this.env.WEBHOOK_MAX_ATTEMPTS) {
      await this.outbox.publish(
        em,
        WEBHOOK_DELIVERY_DUE,
        { deliveryId },
        {
          dedupeKey: `webhook-delivery-${deliveryId}-${attempt}`,
          availableAt: new Date(Date.now() + this.env.WEBHOOK_BACKOFF_MS * 2 ** (attempt - 1)),
        },
      );
    } else {
      await this.webhooks.setDeliveryStatus(em, deliveryId, 'failed');
      await this.countFailure(em, delivery, outcome.error);
    }
  }

  /** A delivery failed for good: enough of them in a row disable the webhook, and its owner hears of it. */
  private async countFailure(em: JobContext['em'], delivery: DeliveryToSend, lastError: string): Promise<void> {
    const failures = await this.webhooks.addFailure(em, delivery.webhookId);
    if (failures < this.env.WEBHOOK_DISABLE_AFTER_FAILURES) return;
    if (!(await this.webhooks.disable(em, delivery.webhookId))) return;
    await this.outbox.publish(em, WEBHOOK_DISABLED, {
      webhookId: delivery.webhookId,
      orgUnitId: delivery.orgUnitId,
      ownerUserId: delivery.ownerUserId,
      url: delivery.url,
      lastError,
    });
  }

  private async fanOut(type: WebhookEvent, payload: EventPayload, { em, job }: JobContext): Promise<void> {
    const place = await this.webhooks.placeOf(em, payload.classId, payload.enrollmentId ?? null);
    if (!place) return;
    const { orgUnitId, orgUnitCode, classCode, userId } = place;
    const body = {
      type,
      timestamp: new Date().toISOString(),
      data: { ...payload, userId: payload.userId ?? userId ?? undefined, orgUnitId, orgUnitCode, classCode },
    };
    // The outbox row of this fan-out is the event's identity for it: a re-run finds its deliveries made.
    const sourceEventId = (job.data as OutboxJobData).outboxId;
    const created = await this.webhooks.fanOut(em, type, orgUnitId, sourceEventId, body);
    await this.outbox.publishMany(
      em,
      WEBHOOK_DELIVERY_DUE,
      created.map((deliveryId) => ({ deliveryId })),
    );
  }
}
