import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TrainingClass } from './training-class.entity';

/** An instructor assigned to a class; they may teach it even from another unit. */
@Entity('class_instructors')
export class ClassInstructor {
  @PrimaryColumn({ type: 'uuid' })
  classId: string;

  @ManyToOne(() => TrainingClass, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'class_id' })
  trainingClass?: TrainingClass;

  @Index('class_instructors_user_id_idx')
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: object;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
