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
import { asNumber } from '../../../database/number-column';
import type { Classification } from '../completion';

export const ENROLLMENT_STATUSES = ['pending', 'active', 'completed', 'failed', 'withdrawn', 'rejected'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/**
 * A learner in a class. The progress summary (lessons, attendance, final score) is stored here and
 * kept current by `enrollment.progress_changed` events, so reports never recompute from raw rows.
 * The table also has `change_xid` (xid8, stamped by a trigger; the change feed's position) with the
 * index `enrollments_change_feed_idx`: TypeORM cannot map xid8, so `migration:generate` proposes
 * to drop both; delete those lines from a generated migration.
 */
@Entity('enrollments')
@Unique('enrollments_class_user_key', ['classId', 'userId'])
export class Enrollment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  classId: string;

  @ManyToOne('TrainingClass', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'class_id' })
  trainingClass?: object;

  @Index('enrollments_user_id_idx')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: object;

  @Column({ type: 'text' })
  status: EnrollmentStatus;

  /** How the learner came in: `admin`, `self` or `import`. */
  @Column({ type: 'text' })
  source: 'admin' | 'self' | 'import';

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  lessonsCompleted: number;

  @Column({ type: 'int', default: 0 })
  lessonsTotal: number;

  @Column({ type: 'int', default: 0 })
  mandatoryLessonsCompleted: number;

  @Column({ type: 'int', default: 0 })
  mandatoryLessonsTotal: number;

  /** Attended (present or late) ÷ sessions held so far, excused ones left out; null before any. */
  @Column({ type: 'numeric', precision: 5, scale: 4, nullable: true, transformer: asNumber })
  attendanceRate: number | null;

  /** 10-point scale, from the final exam by its grading policy. */
  @Column({ type: 'numeric', precision: 4, scale: 2, nullable: true, transformer: asNumber })
  finalScore: number | null;

  @Column({ type: 'text', nullable: true })
  classification: Classification | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  summaryUpdatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
