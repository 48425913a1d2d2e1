import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Classification } from '../../enrollments/completion';
import { Exam } from './exam.entity';
import { asNumber } from '../../../database/number-column';

export const ATTEMPT_STATUSES = ['in_progress', 'submitted', 'graded', 'needs_manual_grading'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** The questions an attempt drew, in the order shown, with each question's option order. */
export interface AttemptQuestion {
  questionId: string;
  optionKeys: string[] | null;
}

/** One learner's attempt at an exam: its drawn questions, deadline and result. */
@Entity('exam_attempts')
@Unique('exam_attempts_exam_enrollment_number_key', ['examId', 'enrollmentId', 'number'])
export class ExamAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  examId: string;

  @ManyToOne(() => Exam, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'exam_id' })
  exam?: Exam;

  @Index('exam_attempts_enrollment_id_idx')
  @Column({ type: 'uuid' })
  enrollmentId: string;

  @ManyToOne('Enrollment', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: object;

  @Column({ type: 'uuid' })
  userId: string;

  /** 1 for the first attempt; `maxAttempts` bounds it. */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text', default: 'in_progress' })
  status: AttemptStatus;

  @Column({ type: 'jsonb' })
  questions: AttemptQuestion[];

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  /** min(startedAt + time limit, closesAt), fixed by the server at the start. */
  @Column({ type: 'timestamptz' })
  deadline: Date;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** `learner` or `deadline` (submitted for the learner with what was saved). */
  @Column({ type: 'text', nullable: true })
  submittedBy: 'learner' | 'deadline' | null;

  @Column({ type: 'timestamptz', nullable: true })
  gradedAt: Date | null;

  @Column({ type: 'numeric', precision: 8, scale: 2, nullable: true, transformer: asNumber })
  score: number | null;

  @Column({ type: 'numeric', precision: 8, scale: 2, transformer: asNumber })
  maxScore: number;

  @Column({ type: 'numeric', precision: 4, scale: 2, nullable: true, transformer: asNumber })
  score10: number | null;

  @Column({ type: 'text', nullable: true })
  classification: Classification | null;

  /** Whether `score10` reaches the exam's pass mark; null until graded. */
  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
