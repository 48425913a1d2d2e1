import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BridgePoint } from './bridge-point.entity';
import { ClassSession } from './class-session.entity';

export const ATTENDANCE_STATUSES = ['present', 'late', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** One learner at one session: one row, however often it is recorded or checked in. */
@Entity('attendance_records')
export class AttendanceRecord {
  @PrimaryColumn({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => ClassSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: ClassSession;

  @Index('attendance_records_enrollment_id_idx')
  @PrimaryColumn({ type: 'uuid' })
  enrollmentId: string;

  @ManyToOne('Enrollment', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: object;

  @Column({ type: 'text' })
  status: AttendanceStatus;

  @Column({ type: 'uuid', nullable: true })
  bridgePointId: string | null;

  @ManyToOne(() => BridgePoint, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'bridge_point_id' })
  bridgePoint?: BridgePoint;

  /** `check_in` by the learner with the room's code, or `instructor`. */
  @Column({ type: 'text' })
  source: 'check_in' | 'instructor';

  @Column({ type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
