import { Column } from 'typeorm';
import { asNumber } from '../../../database/number-column';

/** The figure columns shared by a class's filed figures and the counters (see `figures.ts`). */
export class CompletionFigures {
  @Column({ type: 'int', default: 0 })
  classes: number;

  @Column({ type: 'int', default: 0 })
  enrolled: number;

  @Column({ type: 'int', default: 0 })
  completed: number;

  @Column({ type: 'int', default: 0 })
  failed: number;

  @Column({ type: 'int', default: 0 })
  inProgress: number;

  /** Finalised enrolments with a final score. */
  @Column({ type: 'int', default: 0 })
  scored: number;

  /** Their final scores summed, in hundredths. */
  @Column({ type: 'bigint', default: 0, transformer: asNumber })
  scoreSumCenti: number;

  @Column({ type: 'int', default: 0 })
  xuatSac: number;

  @Column({ type: 'int', default: 0 })
  gioi: number;

  @Column({ type: 'int', default: 0 })
  kha: number;

  @Column({ type: 'int', default: 0 })
  trungBinh: number;

  @Column({ type: 'int', default: 0 })
  khongDat: number;

  /** Valid certificates of the class's enrolments. */
  @Column({ type: 'int', default: 0 })
  certificates: number;
}
