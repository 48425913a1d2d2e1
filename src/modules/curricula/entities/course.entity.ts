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
import type { CompletionRule, GradingScale } from '../course-settings';
import { Program } from './program.entity';

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

/** One version of a programme's curriculum. Only a draft changes; classes run published ones. */
@Entity('courses')
@Unique('courses_program_unit_version_key', ['programId', 'orgUnitId', 'version'])
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('courses_program_id_idx')
  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id' })
  program?: Program;

  /** The unit that owns this version; its staff edit it, every unit may run it once published. */
  @Index('courses_org_unit_id_idx')
  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne('OrgUnit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: object;

  @Column({ type: 'text' })
  title: string;

  /** The version label ("2022", "2026-tq"), unique per programme and unit. */
  @Column({ type: 'text' })
  version: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', default: 'draft' })
  status: CourseStatus;

  @Column({ type: 'jsonb' })
  completionRule: CompletionRule;

  @Column({ type: 'jsonb' })
  gradingScale: GradingScale;

  /** Sum of the lessons' periods, kept in step by every lesson change. */
  @Column({ type: 'int', default: 0 })
  totalPeriods: number;

  /** The course this draft was cloned from by `POST /courses/:id/versions`. */
  @Column({ type: 'uuid', nullable: true })
  previousVersionId: string | null;

  @ManyToOne(() => Course, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'previous_version_id' })
  previousVersion?: Course;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdBy?: object;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
