import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

export const CLASS_MODES = ['in_person', 'online', 'hybrid'] as const;
export type ClassMode = (typeof CLASS_MODES)[number];
export const ENROLLMENT_POLICIES = ['closed', 'self', 'approval'] as const;
export type EnrollmentPolicy = (typeof ENROLLMENT_POLICIES)[number];
export const CLASS_STATUSES = ['planned', 'open', 'closed'] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];

/** A run of a published course at an org unit: a class (lớp) from opening to closing. */
@Entity('classes')
@Unique('classes_org_unit_code_key', ['orgUnitId', 'code'])
export class TrainingClass {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('classes_course_id_idx')
  @Column({ type: 'uuid' })
  courseId: string;

  @ManyToOne('Course', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: object;

  /** The unit that runs the class; it keeps the class after merges (stats roll up by rollup_path). */
  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne('OrgUnit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: object;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'text' })
  mode: ClassMode;

  /** Most active enrolments; null for no limit. */
  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Column({ type: 'text' })
  enrollmentPolicy: EnrollmentPolicy;

  @Column({ type: 'text' })
  timezone: string;

  @Column({ type: 'text', default: 'planned' })
  status: ClassStatus;

  /**
   * Whether completion needs a passed final exam: the course's rule by default; a class may turn it
   * off (a class assessed by a reflection essay graded outside the system).
   */
  @Column({ type: 'boolean' })
  requireFinalExam: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdBy?: object;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
