import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** How a unit issues certificates; units without their own inherit the nearest ancestor's. */
// Relations to other features' tables name their entity by string: they exist for the foreign
// keys; what those rows hold is read through the owning feature.
@Entity('certificate_settings')
export class CertificateSettings {
  @PrimaryColumn({ type: 'uuid' })
  orgUnitId: string;

  @OneToOne('OrgUnit', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: object;

  @Column({ type: 'text' })
  signerName: string;

  /** "GIÁM ĐỐC", or "PHÓ GIÁM ĐỐC" for an authorised deputy. */
  @Column({ type: 'text' })
  signerTitle: string;

  /** "KT. GIÁM ĐỐC" above a deputy's title; null when the director signs. */
  @Column({ type: 'text', nullable: true })
  signerAuthority: string | null;

  @Column({ type: 'text' })
  place: string;

  /** The issuing body, top left, one entry per line. */
  @Column({ type: 'jsonb' })
  headerLines: string[];

  @Column({ type: 'text' })
  serialPattern: string;

  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
