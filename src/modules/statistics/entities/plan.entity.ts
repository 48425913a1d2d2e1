import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A unit's annual plan for one programme: classes to open and learners to train that year. */
@Entity('stats_plans')
export class Plan {
  @PrimaryColumn({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne('OrgUnit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: object;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @PrimaryColumn({ type: 'uuid' })
  programId: string;

  @ManyToOne('Program', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id' })
  program?: object;

  @Column({ type: 'int' })
  plannedClasses: number;

  @Column({ type: 'int' })
  plannedLearners: number;

  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
