import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportRowError {
  /** Line of the file, the header being line 1, as a spreadsheet shows it. */
  row: number;
  message: string;
}

/** An uploaded file being applied by a job: progress and the rows it refused. */
@Entity('imports')
export class ImportJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `users`, later `enrollments`: which job applies the file. */
  @Column({ type: 'text' })
  kind: string;

  /** What the file applies to, e.g. a class for an enrolment import. */
  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'text', default: 'queued' })
  status: ImportStatus;

  @Index('imports_created_by_idx')
  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdBy?: object;

  @Column({ type: 'text' })
  filename: string;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  /** The sheet of a workbook to read, as the uploader named it; null: the first. */
  @Column({ type: 'text', nullable: true })
  sheet: string | null;

  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'int', default: 0 })
  processed: number;

  @Column({ type: 'int', default: 0 })
  succeeded: number;

  /** Rows that made something new (the rest of `succeeded` matched what was there). */
  @Column({ type: 'int', default: 0 })
  created: number;

  @Column({ type: 'int', default: 0 })
  failed: number;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors: ImportRowError[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
