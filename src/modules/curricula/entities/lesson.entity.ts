import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Course } from './course.entity';

/**
 * A lesson or activity of a course. Positions run 1..n without gaps; the unique constraint
 * (course_id, position) is deferred to commit so that one UPDATE can shift a range.
 */
@Entity('lessons')
@Unique('lessons_course_position_key', ['courseId', 'position'], { deferrable: 'INITIALLY DEFERRED' })
export class Lesson {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  /** Teaching time in periods (tiết); 5 make a session. */
  @Column({ type: 'int' })
  periods: number;

  /** Markdown; attachments are linked relative to the lesson file (`../attachments/x.pdf`). */
  @Column({ type: 'text', default: '' })
  content: string;

  @Column({ type: 'text', array: true, default: '{}' })
  objectives: string[];

  @Column({ type: 'boolean', default: true })
  mandatory: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
