import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { NotificationKind } from '../notification-kinds';

/** A person's choice for one kind; without a row, email is on. In-app is always on. */
// Relations to other features' tables name their entity by string: they exist for the foreign
// keys; what those rows hold is read through the owning feature.
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: object;

  @PrimaryColumn({ type: 'text' })
  kind: NotificationKind;

  @Column({ type: 'boolean' })
  email: boolean;
}
