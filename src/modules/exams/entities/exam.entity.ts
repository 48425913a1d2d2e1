import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { GradingPolicy } from '../grading';
import { asNumber } from '../../../database/number-column';

export const EXAM_KINDS = ['quiz', 'final'] as const;
export type ExamKind = (typeof EXAM_KINDS)[number];

/** Each attempt draws `count` questions matching the tag and/or lesson. */
export interface DrawRule {
  tag?: string;
  lessonId?: string;
  count: number;
}

/** An exam of a class; a `final` one decides the enrolment's final score. */
@Entity('exams')
export class Exam {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('exams_class_id_idx')
  @Column({ type: 'uuid' })
  classId: string;

  @ManyToOne('TrainingClass', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'class_id' })
  trainingClass?: object;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  kind: ExamKind;

  @Column({ type: 'timestamptz' })
  opensAt: Date;

  @Column({ type: 'timestamptz' })
  closesAt: Date;

  @Column({ type: 'int' })
  timeLimitMinutes: number;

  @Column({ type: 'int' })
  maxAttempts: number;

  /** 10-point scale. */
  @Column({ type: 'numeric', precision: 4, scale: 2, transformer: asNumber })
  passMark: number;

  /** Fixed questions, or null when each attempt draws by `draw`. */
  @Column({ type: 'uuid', array: true, nullable: true })
  questionIds: string[] | null;

  @Column({ type: 'jsonb', nullable: true })
  draw: DrawRule[] | null;

  @Column({ type: 'boolean', default: false })
  shuffle: boolean;

  @Column({ type: 'text' })
  gradingPolicy: GradingPolicy;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
