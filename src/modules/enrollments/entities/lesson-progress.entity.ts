import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Enrollment } from './enrollment.entity';

/** A lesson a learner marked complete; one row however often it is marked. */
@Entity('lesson_progress')
export class LessonProgress {
  @PrimaryColumn({ type: 'uuid' })
  enrollmentId: string;

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: Enrollment;

  @PrimaryColumn({ type: 'uuid' })
  lessonId: string;

  @ManyToOne('Lesson', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: object;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  completedAt: Date;
}
