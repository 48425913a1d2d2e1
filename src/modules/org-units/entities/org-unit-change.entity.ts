import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from './org-unit.entity';

export const ORG_UNIT_CHANGE_KINDS = ['created', 'moved', 'merged'] as const;
export type OrgUnitChangeKind = (typeof ORG_UNIT_CHANGE_KINDS)[number];

/** History of the tree: each creation, move and merge with the date it takes effect. */
@Entity('org_unit_changes')
export class OrgUnitChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('org_unit_changes_unit_idx')
  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnit;

  @Column({ type: 'text' })
  kind: OrgUnitChangeKind;

  @Column({ type: 'uuid', nullable: true })
  fromParentId: string | null;

  @Column({ type: 'uuid', nullable: true })
  toParentId: string | null;

  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @Column({ type: 'date' })
  effectiveFrom: string;

  /** `scheduled` until its date comes (a delayed outbox event applies it), then `applied`. */
  @Column({ type: 'text', default: 'applied' })
  status: 'scheduled' | 'applied';

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  recordedAt: Date;
}
