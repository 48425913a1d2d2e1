import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One thing that happened, kept for accountability. Append-only: a trigger written in the migration
 * refuses UPDATE, DELETE and TRUNCATE. Actor and target ids carry no foreign keys, so the trail
 * outlives the people, keys and units it names.
 */
@Entity('audit_log')
@Index('audit_log_action_seq_idx', ['action', 'seq'])
@Index('audit_log_actor_user_id_seq_idx', ['actorUserId', 'seq'])
@Index('audit_log_target_id_seq_idx', ['targetId', 'seq'])
@Index('audit_log_occurred_at_idx', ['occurredAt'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: the list's order and cursor. */
  @Index('audit_log_seq_key', { unique: true })
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorApiKeyId: string | null;

  /** Dotted, stable and English, e.g. `auth.login.failed`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  targetType: string | null;

  @Column({ type: 'text', nullable: true })
  targetId: string | null;

  @Column({ type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  /** What else matters for this action; never a password, token or hash. */
  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;
}
