import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const OUTBOX_STATUSES = ['pending', 'enqueued', 'done', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A side effect decided inside a business transaction. The relay moves `pending` rows to BullMQ
 * (`enqueued`); the job marks its row `done`, or `dead` after its last failed attempt, where an
 * admin sees it and can send it again (`generation` + 1, a new job id).
 */
@Entity('outbox_events')
@Index('outbox_events_due_idx', ['availableAt', 'seq'], { where: `status = 'pending'` })
@Index('outbox_events_status_seq_idx', ['status', 'seq'])
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: the relay's order and the list cursor. */
  @Column({ type: 'bigint', unique: true })
  @Generated('increment')
  seq: string;

  /** Job name, e.g. `import.users.requested`; the queue registry says which queue runs it. */
  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Optional producer key: the same key is stored once, so a retried request adds no second event. */
  @Column({ type: 'text', nullable: true, unique: true })
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

  /** The BullMQ job carrying the event since it was enqueued; events of a batched topic share one. */
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
