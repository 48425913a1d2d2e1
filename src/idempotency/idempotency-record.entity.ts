import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A client's `Idempotency-Key` and the first successful answer to it. Keys belong to their caller
 * (a person or an API key), so two callers never share one.
 */
@Entity('idempotency_records')
@Index('idempotency_records_created_at_idx', ['createdAt'])
export class IdempotencyRecord {
  /** `user:<id>` or `api-key:<id>`. */
  @PrimaryColumn({ type: 'text' })
  owner: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** SHA-256 of method, path and body: the same key with another request is refused. */
  @Column({ type: 'text' })
  fingerprint: string;

  /** The response body replayed for the key; set with `completedAt`. */
  @Column({ type: 'jsonb', nullable: true })
  response: unknown;

  /** Null while the first request runs. */
  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
