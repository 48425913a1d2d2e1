import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { WebhookEvent } from '../webhook-events';

export const WEBHOOK_STATUSES = ['active', 'disabled', 'deleted'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

/**
 * Another system's endpoint that hears the events of objects in its unit's subtree. `disabled`
 * after too many failed deliveries in a row; `deleted` by its unit's admin. Neither is removed, so
 * its deliveries stay as evidence. The secret signs deliveries; it is answered once, at creation.
 */
// Relations to other features' tables name their entity by string: they exist for the foreign
// keys; what those rows hold is read through the owning feature.
@Entity('webhooks')
@Index('webhooks_org_unit_id_idx', ['orgUnitId'])
export class Webhook {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne('OrgUnit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: object;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  events: WebhookEvent[];

  /** `whsec_` and base64: the Standard Webhooks form, which receivers' libraries take as it is. */
  @Column({ type: 'text' })
  secret: string;

  /** Who created it: told when it is disabled. */
  @Column({ type: 'uuid', nullable: true })
  ownerUserId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_user_id' })
  owner?: object;

  @Column({ type: 'text', default: 'active' })
  status: WebhookStatus;

  /** Deliveries failed in a row since the last success. */
  @Column({ type: 'int', default: 0 })
  consecutiveFailures: number;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
