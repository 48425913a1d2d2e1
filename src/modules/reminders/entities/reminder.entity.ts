import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TopicPayloads } from '../../../queue/topics';

export type ReminderKind = TopicPayloads['reminder.due']['kind'];

/**
 * A reminder a scan found due: one row per (kind, object, lead, occasion), so a re-run scan, a
 * second worker or a scan after a restart finds it taken and publishes nothing again. A moved
 * session is a new occasion, hence a new row.
 */
@Entity('reminders')
export class Reminder {
  @PrimaryColumn({ type: 'text' })
  kind: ReminderKind;

  @PrimaryColumn({ type: 'uuid' })
  objectId: string;

  /** How long before the occasion: `24h`, `1h`, `3d`, `60d`. */
  @PrimaryColumn({ type: 'text' })
  lead: string;

  /** The session's start, the exam's close, the class's end, the probation's end. */
  @PrimaryColumn({ type: 'timestamptz' })
  occursAt: Date;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
