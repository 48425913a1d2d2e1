import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { AccessModule } from '../access/access.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { WebhookDeliveries } from './webhook-deliveries';
import { DELIVER_SUBSCRIBER, fanOutSubscriber, WEBHOOK_DELIVERY_DUE, WEBHOOK_EVENTS } from './webhook-events';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks for other systems. Slow receivers wait on their own queue; a delivery's retries are
 * delayed outbox events of its own (WEBHOOK_MAX_ATTEMPTS, WEBHOOK_BACKOFF_MS), so the queue's
 * attempts only cover the job itself failing (the database).
 */
@Module({
  imports: [
    AccessModule,
    OrgUnitsModule,
    QueueModule.forFeature([
      ...WEBHOOK_EVENTS.map((topic) => ({ name: fanOutSubscriber(topic), topic, queue: 'webhooks' as const })),
      { name: DELIVER_SUBSCRIBER, topic: WEBHOOK_DELIVERY_DUE, queue: 'webhooks' },
    ]),
  ],
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhooksService, WebhookSender, WebhookDeliveries],
})
export class WebhooksModule {}
