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
import { asNumber } from '../../../database/number-column';
import type { CertificateContent, CertificateStatus } from '../certificate-content';

/**
 * A certificate (giấy chứng nhận), never deleted. `pending` waits for its unit's issuing settings;
 * from `valid` it ends `revoked` or `superseded` (by the reissue that replaces it). The partial
 * unique index `certificates_one_live_per_program` keeps one pending or valid certificate per
 * learner and programme.
 */
// Relations to other features' tables name their entity by string: they exist for the foreign
// keys; what those rows hold is read through the owning feature.
@Entity('certificates')
@Index('certificates_one_live_per_program', ['userId', 'programId'], {
  unique: true,
  where: `status IN ('pending', 'valid')`,
})
@Index('certificates_class_id_idx', ['classId'])
@Index('certificates_enrollment_id_idx', ['enrollmentId'])
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  enrollmentId: string;

  @ManyToOne('Enrollment', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: object;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: object;

  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne('Program', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id' })
  program?: object;

  @Column({ type: 'uuid' })
  classId: string;

  @ManyToOne('TrainingClass', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'class_id' })
  trainingClass?: object;

  /** The unit that ran the class and issues the certificate; serials count per unit and year. */
  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne('OrgUnit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: object;

  @Column({ type: 'text' })
  status: CertificateStatus;

  /** Null while pending. */
  @Index('certificates_serial_key', { unique: true })
  @Column({ type: 'text', nullable: true })
  serial: string | null;

  /** Null while pending; 144 random bits, base64url. */
  @Index('certificates_verification_code_key', { unique: true })
  @Column({ type: 'text', nullable: true })
  verificationCode: string | null;

  /** What is printed, frozen at issue; null while pending. */
  @Column({ type: 'jsonb', nullable: true })
  content: CertificateContent | null;

  /** SHA-256 (hex) of the canonical JSON of `content`. */
  @Column({ type: 'text', nullable: true })
  contentHash: string | null;

  /** The certificate's bit in the revocation status lists: list = index ÷ list size, bit = the rest. */
  @Index('certificates_status_index_key', { unique: true })
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', transformer: asNumber })
  statusIndex: number;

  @Column({ type: 'timestamptz', nullable: true })
  issuedAt: Date | null;

  /** The certificate this one replaced by a reissue. */
  @Column({ type: 'uuid', nullable: true })
  replacesId: string | null;

  @ManyToOne(() => Certificate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'replaces_id' })
  replaces?: Certificate;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revocationReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @Column({ type: 'text', nullable: true })
  supersededReason: string | null;

  /** The stored PDF's key (by the file's SHA-256); null until the PDF job has run. */
  @Column({ type: 'text', nullable: true })
  pdfKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
