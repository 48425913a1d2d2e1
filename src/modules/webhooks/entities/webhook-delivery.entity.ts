import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Webhook } from './webhook.entity';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event for one webhook. Its id is the `webhook-id` header of every attempt, so a receiver that
 * hears it twice can tell. `cancelled`: the webhook was disabled or deleted before it succeeded.
 */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_webhook_id_source_event_id_key', ['webhookId', 'sourceEventId'], { unique: true })
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  webhookId: string;

  @ManyToOne(() => Webhook, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id' })
  webhook?: Webhook;

  /** The outbox event the delivery was made from: an event fans out to a webhook once. */
  @Column({ type: 'uuid' })
  sourceEventId: string;

  /** The event's topic, e.g. `certificate.issued`. */
  @Column({ type: 'text' })
  type: string;

  /** What is sent, `{type, timestamp, data}`, fixed at fan-out so every attempt sends the same. */
  @Column({ type: 'jsonb' })
  body: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
