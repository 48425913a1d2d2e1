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
import type { PartialAnswer, QuestionOption, QuestionType } from '../question.types';
import { asNumber } from '../../../database/number-column';

/** A question of a course's bank. The key (`correct`, `acceptedAnswers`, `partialAnswers`) never reaches a learner. */
@Entity('questions')
@Index('questions_course_id_position_idx', ['courseId', 'position'])
export class Question {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  courseId: string;

  @ManyToOne('Course', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: object;

  @Index('questions_lesson_id_idx')
  @Column({ type: 'uuid', nullable: true })
  lessonId: string | null;

  @ManyToOne('Lesson', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: object;

  /** Order in the bank, so that exports and listings are stable. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  type: QuestionType;

  @Column({ type: 'text' })
  prompt: string;

  @Column({ type: 'jsonb', nullable: true })
  options: QuestionOption[] | null;

  @Column({ type: 'jsonb', nullable: true })
  correct: string | string[] | null;

  @Column({ type: 'text', array: true, nullable: true })
  acceptedAnswers: string[] | null;

  /** Short answer: answers worth part of the points; a key too. */
  @Column({ type: 'jsonb', nullable: true })
  partialAnswers: PartialAnswer[] | null;

  @Column({ type: 'numeric', precision: 7, scale: 2, transformer: asNumber })
  points: number;

  @Column({ type: 'text', array: true, default: '{}' })
  tags: string[];

  @Column({ type: 'boolean', default: false })
  partialCredit: boolean;

  @Column({ type: 'boolean', default: false })
  ignoreDiacritics: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
