import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TrainingClass } from './training-class.entity';

/** A session (buổi) of a class, teaching some of the course's lessons. */
@Entity('class_sessions')
@Index('class_sessions_class_id_starts_at_idx', ['classId', 'startsAt'])
export class ClassSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  classId: string;

  @ManyToOne(() => TrainingClass, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'class_id' })
  trainingClass?: TrainingClass;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'uuid', array: true, default: '{}' })
  lessonIds: string[];

  @Column({ type: 'text', nullable: true })
  location: string | null;

  /** Key of the rotating check-in code; never leaves the server. */
  @Column({ type: 'text', select: false })
  checkInSecret: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
