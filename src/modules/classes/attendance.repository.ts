import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AttendanceView, CheckInResult } from './dto/session.dto';
import type { AttendanceStatus } from './entities/attendance-record.entity';

/**
 * What self check-in needs in one read: the session, the learner's enrolment in its class and
 * whether the bridge point given is one of the session's.
 */
export interface CheckInTarget {
  class_id: string;
  starts_at: Date;
  ends_at: Date;
  check_in_secret: string;
  enrollment_id: string | null;
  status: string | null;
  /** False when a bridge point was given and is not the session's. */
  point_ok: boolean;
}

/** Attendance figures of a group of sessions (a child unit's or a month's). */
export interface AttendanceFigures {
  key: string;
  sessions: number;
  bridgePoints: number;
  headcount: number;
  present: number;
}

export type AttendanceGroup = 'child' | 'month';

/** `attendance_records`: one learner at one session. */
@Injectable()
export class AttendanceRepository {
  /**
   * The session, the caller's enrolment and the bridge point check. The joins read enrolments' and
   * bridge points' tables: check-in is one query per request at a mass conference
   * (bench/check-in.ts, bench/capacity.ts), so it is not split.
   */
  async checkInTarget(
    em: EntityManager,
    sessionId: string,
    userId: string | null,
    bridgePointId: string | null,
  ): Promise<CheckInTarget | undefined> {
    const [row]: CheckInTarget[] = await em.query(
      `SELECT s.class_id, s.starts_at, s.ends_at, s.check_in_secret, e.id AS enrollment_id, e.status,
              ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM bridge_points b WHERE b.id = $3 AND b.session_id = s.id))
                AS point_ok
           FROM class_sessions s LEFT JOIN enrollments e ON e.class_id = s.class_id AND e.user_id = $2
          WHERE s.id = $1`,
      [sessionId, userId, bridgePointId],
    );
    return row;
  }

  /**
   * Upserts an instructor's records (all in one statement); returns the enrolments whose record
   * changed.
   */
  async recordByInstructor(
    em: EntityManager,
    sessionId: string,
    records: { enrollmentId: string; status: string; bridgePointId: string | null }[],
    recordedBy: string | null,
  ): Promise<string[]> {
    const changed: { enrollment_id: string }[] = await em.query(
      `INSERT INTO attendance_records (session_id, enrollment_id, status, bridge_point_id, source, recorded_by_user_id)
         SELECT $1, e, s, b, 'instructor', $5 FROM unnest($2::uuid[], $3::text[], $4::uuid[]) AS t(e, s, b)
         ON CONFLICT (session_id, enrollment_id) DO UPDATE
            SET status = EXCLUDED.status, bridge_point_id = EXCLUDED.bridge_point_id, source = 'instructor',
                recorded_by_user_id = EXCLUDED.recorded_by_user_id, recorded_at = now()
          WHERE attendance_records.status IS DISTINCT FROM EXCLUDED.status
             OR attendance_records.bridge_point_id IS DISTINCT FROM EXCLUDED.bridge_point_id
         RETURNING enrollment_id`,
      [
        sessionId,
        records.map((r) => r.enrollmentId),
        records.map((r) => r.status),
        records.map((r) => r.bridgePointId),
        recordedBy,
      ],
    );
    return changed.map((c) => c.enrollment_id);
  }

  /** A check-in's record, unless the learner already has one (then nothing is written). */
  async recordCheckIn(
    em: EntityManager,
    sessionId: string,
    enrollmentId: string,
    bridgePointId: string | null,
    userId: string | null,
  ): Promise<{ status: string; recorded_at: Date } | undefined> {
    const [inserted]: { status: string; recorded_at: Date }[] = await em.query(
      `INSERT INTO attendance_records (session_id, enrollment_id, status, bridge_point_id, source, recorded_by_user_id)
         VALUES ($1, $2, 'present', $3, 'check_in', $4)
         ON CONFLICT (session_id, enrollment_id) DO NOTHING RETURNING status, recorded_at`,
      [sessionId, enrollmentId, bridgePointId, userId],
    );
    return inserted;
  }

  async recordOf(
    em: EntityManager,
    sessionId: string,
    enrollmentId: string,
  ): Promise<{ status: CheckInResult['status']; recorded_at: Date }> {
    const [existing]: { status: CheckInResult['status']; recorded_at: Date }[] = await em.query(
      `SELECT status, recorded_at FROM attendance_records WHERE session_id = $1 AND enrollment_id = $2`,
      [sessionId, enrollmentId],
    );
    return existing;
  }

  /** A session's records by learner name; a read join of enrolments and users, one query for the list. */
  ofSession(
    em: EntityManager,
    sessionId: string,
  ): Promise<
    {
      user_id: string;
      enrollment_id: string;
      full_name: string;
      status: AttendanceView['status'];
      bridge_point_id: string | null;
      source: AttendanceView['source'];
      recorded_at: Date;
    }[]
  > {
    return em.query(
      `SELECT e.user_id, a.enrollment_id, u.full_name, a.status, a.bridge_point_id, a.source, a.recorded_at
           FROM attendance_records a JOIN enrollments e ON e.id = a.enrollment_id JOIN users u ON u.id = e.user_id
          WHERE a.session_id = $1 ORDER BY u.full_name, u.id`,
      [sessionId],
    );
  }

  /**
   * Attendance under the unit (by rollup path, so merged units count): sessions held (begun by now)
   * of opened classes, starting on `from`..`to` in the class's timezone, their bridge points,
   * headcounts and attendances present or late, per child unit on the way (the unit itself for its
   * own classes) or per month. One indexed pass over the subtree's sessions; org units are a read join.
   */
  figures(
    em: EntityManager,
    query: { unitId: string; from?: string; to?: string; groupBy: AttendanceGroup },
  ): Promise<AttendanceFigures[]> {
    const day = `(s.starts_at AT TIME ZONE c.timezone)::date`;
    const key =
      query.groupBy === 'child'
        ? `subpath(u.rollup_path, least(nlevel(r.rollup_path), nlevel(u.rollup_path) - 1), 1)::text::uuid::text`
        : `to_char(${day}, 'YYYY-MM')`;
    return em.query(
      `WITH r AS (SELECT rollup_path FROM org_units WHERE id = $1),
       held AS (
         SELECT s.id, ${key} AS key
           FROM class_sessions s JOIN classes c ON c.id = s.class_id JOIN org_units u ON u.id = c.org_unit_id, r
          WHERE u.rollup_path <@ r.rollup_path AND c.status <> 'planned' AND s.starts_at <= now()
            AND ($2::date IS NULL OR ${day} >= $2::date) AND ($3::date IS NULL OR ${day} <= $3::date))
       SELECT h.key, count(*)::int AS sessions, sum(b.points)::int AS "bridgePoints",
              sum(b.headcount)::int AS headcount, sum(a.present)::int AS present
         FROM held h
         CROSS JOIN LATERAL (SELECT count(*) AS points, coalesce(sum(headcount), 0) AS headcount
                               FROM bridge_points WHERE session_id = h.id) b
         CROSS JOIN LATERAL (SELECT count(*) AS present FROM attendance_records
                              WHERE session_id = h.id AND status IN ('present', 'late')) a
        GROUP BY h.key ORDER BY h.key`,
      [query.unitId, query.from ?? null, query.to ?? null],
    );
  }

  /** The enrolment's status at each of the class's sessions begun by `at` (null: no record). */
  async heldBy(
    em: EntityManager,
    classId: string,
    enrollmentId: string,
    at: Date,
  ): Promise<(AttendanceStatus | null)[]> {
    const held: { status: AttendanceStatus | null }[] = await em.query(
      `SELECT a.status FROM class_sessions s
         LEFT JOIN attendance_records a ON a.session_id = s.id AND a.enrollment_id = $2
        WHERE s.class_id = $1 AND s.starts_at <= $3`,
      [classId, enrollmentId, at],
    );
    return held.map((h) => h.status);
  }
}
