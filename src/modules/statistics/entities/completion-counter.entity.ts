import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CompletionFigures } from './completion-figures';

export const COUNTER_GRAINS = ['day', 'month'] as const;
export type CounterGrain = (typeof COUNTER_GRAINS)[number];

/**
 * Completion figures of the classes under `orgUnitId` (by rollup path, so merged units count at
 * their successor) that end in `period` (a day, or the first day of a month), for one programme,
 * split by `childId`: the unit's child on the way to the class's unit, or the unit itself for its
 * own classes. A query at any level reads only that unit's rows.
 */
@Entity('stats_completion_counters')
export class CompletionCounter {
  @PrimaryColumn({ type: 'uuid' })
  orgUnitId: string;

  @PrimaryColumn({ type: 'text' })
  grain: CounterGrain;

  @PrimaryColumn({ type: 'date' })
  period: string;

  @PrimaryColumn({ type: 'uuid' })
  childId: string;

  @PrimaryColumn({ type: 'uuid' })
  programId: string;

  @Column(() => CompletionFigures, { prefix: false })
  figures: CompletionFigures;
}
