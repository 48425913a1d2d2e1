import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const OUTBOX_STATUSES = ['pending', 'enqueued', 'done', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One subscriber's delivery of a fact decided inside a business transaction: a publish writes one
 * row per subscriber of the topic, sharing `eventId`. The relay moves `pending` rows to BullMQ
 * (`enqueued`); the job marks its row `done`, or `dead` after its last failed attempt, where an
 * admin sees it and can send it again (`generation` + 1, a new job id). Subscribers never wait on
 * or repeat each other.
 */
@Entity('outbox_events')
@Index('outbox_events_dedupe_key_subscriber_key', ['dedupeKey', 'subscriber'], { unique: true })
@Index('outbox_events_due_idx', ['availableAt', 'seq'], { where: `status = 'pending'` })
@Index('outbox_events_status_seq_idx', ['status', 'seq'])
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: the relay's order and the list cursor. */
  @Column({ type: 'bigint', unique: true })
  @Generated('increment')
  seq: string;

  /** The published fact, shared by the rows of its subscribers. */
  @Column({ type: 'uuid' })
  eventId: string;

  /** e.g. `attempt.submitted`; see `topics.ts`. */
  @Column({ type: 'text' })
  topic: string;

  /** Subscriber and job name, e.g. `exams.grade-submitted`; the job registry says which queue runs it. */
  @Column({ type: 'text' })
  subscriber: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Optional producer key: stored once per subscriber, so a retried request adds no second event. */
  @Column({ type: 'text', nullable: true })
  dedupeKey: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  generation: number;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The BullMQ job carrying the event since it was enqueued; rows of a batched subscriber share one. */
  @Column({ type: 'text', nullable: true })
  jobId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
