import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A machine client's credential: shown once, stored as a hash, acting only within its scopes and unit. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** The visible start of the key (`lyl_ab12cd34`), how it is found and recognised in lists. */
  @Index('api_keys_prefix_key', { unique: true })
  @Column({ type: 'text' })
  prefix: string;

  /** SHA-256 of the whole key; the key itself is never stored. */
  @Column({ type: 'text', select: false })
  keyHash: string;

  @Column({ type: 'text', array: true })
  scopes: string[];

  @Index('api_keys_org_unit_id_idx')
  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne('OrgUnit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: object;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdBy?: object;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
