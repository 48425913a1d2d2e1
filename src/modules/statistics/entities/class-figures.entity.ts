import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { CompletionFigures } from './completion-figures';

/**
 * What one counted class last added to the counters, and where: its unit's `rollup_path` when it
 * was filed. A new event recomputes the class from the rows and applies only the difference, so a
 * replayed event changes nothing; a move or merge re-files the classes whose path changed.
 */
@Entity('stats_class_figures')
export class ClassFigures {
  @PrimaryColumn({ type: 'uuid' })
  classId: string;

  @Index('stats_class_figures_org_unit_id_idx')
  @Column({ type: 'uuid' })
  orgUnitId: string;

  @Column({ type: 'uuid' })
  programId: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'ltree' })
  filedPath: string;

  @Column(() => CompletionFigures, { prefix: false })
  figures: CompletionFigures;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
