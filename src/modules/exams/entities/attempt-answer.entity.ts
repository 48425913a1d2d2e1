import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AnswerValue } from '../grading';
import { ExamAttempt } from './exam-attempt.entity';
import { asNumber } from '../../../database/number-column';

/** A question of an attempt: the saved answer (last write wins) and the points it earned. */
@Entity('attempt_answers')
export class AttemptAnswer {
  @PrimaryColumn({ type: 'uuid' })
  attemptId: string;

  @ManyToOne(() => ExamAttempt, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attempt_id' })
  attempt?: ExamAttempt;

  /** Indexed for regrading: which attempts used a question whose key changed. */
  @Index('attempt_answers_question_id_idx')
  @PrimaryColumn({ type: 'uuid' })
  questionId: string;

  @Column({ type: 'jsonb', nullable: true })
  value: AnswerValue;

  @Column({ type: 'timestamptz', nullable: true })
  savedAt: Date | null;

  /** Null until graded: by the grading job for objective questions, by an instructor for essays. */
  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true, transformer: asNumber })
  points: number | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'uuid', nullable: true })
  gradedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  gradedAt: Date | null;
}
