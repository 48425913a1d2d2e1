import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ClassSession } from './class-session.entity';

/** A connection point (điểm cầu) of an online or hybrid session, with its headcount. */
@Entity('bridge_points')
export class BridgePoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('bridge_points_session_id_idx')
  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => ClassSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: ClassSession;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @ManyToOne('OrgUnit', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: object;

  /** People present at the point, for mass conferences without individual enrolment. */
  @Column({ type: 'int', nullable: true })
  headcount: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  headcountUpdatedAt: Date | null;
}
