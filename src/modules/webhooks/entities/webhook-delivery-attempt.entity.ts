import { Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WebhookDelivery } from './webhook-delivery.entity';

/** One POST of a delivery (or one refused before sending): the deliveries log. */
@Entity('webhook_delivery_attempts')
@Index('webhook_delivery_attempts_webhook_id_seq_idx', ['webhookId', 'seq'])
export class WebhookDeliveryAttempt {
  /** Insertion order: the log's order and its cursor. */
  @PrimaryColumn({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: WebhookDelivery;

  /** Its delivery's webhook, kept here so the log of a webhook is one index scan. */
  @Column({ type: 'uuid' })
  webhookId: string;

  /** 1 for the first attempt of the delivery, then 2, 3… */
  @Column({ type: 'int' })
  attempt: number;

  /** The receiver's HTTP status; null when no answer came (refused address, network error, timeout). */
  @Column({ type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ type: 'int' })
  durationMs: number;

  /** Why it failed, in Vietnamese; null on success. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  at: Date;
}
