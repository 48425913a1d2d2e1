import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { LinkType, NotificationKind } from '../notification-kinds';

export const EMAIL_STATUSES = ['off', 'pending', 'sent', 'failed', 'cancelled'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * One notification to one person: in-app at once, by email when their preference and the mail
 * setup allow, after quiet hours. `dedupeKey` (kind, object, recipient, due time) makes a reminder
 * sent twice by a re-run scan or a second worker one row.
 */
// Relations to other features' tables name their entity by string: they exist for the foreign
// keys; what those rows hold is read through the owning feature.
@Entity('notifications')
@Index('notifications_user_id_created_at_idx', ['userId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: object;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', nullable: true })
  linkType: LinkType | null;

  @Column({ type: 'uuid', nullable: true })
  linkId: string | null;

  /** What the email template of the kind fills in. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  params: Record<string, unknown>;

  @Index('notifications_dedupe_key_key', { unique: true })
  @Column({ type: 'text' })
  dedupeKey: string;

  /** Milliseconds, so the list's cursor survives a JSON round trip. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ type: 'text', default: 'off' })
  emailStatus: EmailStatus;

  /** When the email may go: at once, or when the quiet hours of the recipient's timezone end. */
  @Column({ type: 'timestamptz', nullable: true })
  emailDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  emailSentAt: Date | null;

  @Column({ type: 'text', nullable: true })
  emailError: string | null;
}
