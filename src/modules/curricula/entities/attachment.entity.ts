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
import type { AttachmentType } from '../attachments/file-type';
import { Course } from './course.entity';
import { Lesson } from './lesson.entity';
import { asNumber } from '../../../database/number-column';

/** A file of a lesson, kept in file storage; its type was decided from its bytes. */
@Entity('attachments')
@Unique('attachments_course_path_key', ['courseId', 'path'])
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The lesson's course, so that access checks need no join. */
  @Column({ type: 'uuid' })
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  @Index('attachments_lesson_id_idx')
  @Column({ type: 'uuid' })
  lessonId: string;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: Lesson;

  /** Where it sits in the course package (`attachments/ban-do.png`), what lesson Markdown links to. */
  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'text' })
  type: AttachmentType;

  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'bigint', transformer: asNumber })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text', select: false })
  storageKey: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdBy?: object;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
