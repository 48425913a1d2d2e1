import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const PROGRAM_KINDS = ['party_awareness', 'new_member', 'branch_secretary', 'thematic', 'other'] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];

/** A training programme (chương trình); its curricula are the courses, one per version. */
@Entity('programs')
export class Program {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short code that packages name the programme by, unique regardless of case. */
  @Index('programs_code_lower_key', { synchronize: false })
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: ProgramKind;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The unit that defined it (the academy for the reference programmes); its staff may change it. */
  @Index('programs_org_unit_id_idx')
  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne('OrgUnit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: object;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
