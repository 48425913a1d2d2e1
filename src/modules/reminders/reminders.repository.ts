import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { unitUnder } from '../access/subtree';
import type { ReminderKind } from './entities/reminder.entity';

/** A reminder a scan has just taken: it was not due in any earlier scan. */
export interface DueReminder {
  kind: ReminderKind;
  objectId: string;
  lead: string;
  occursAt: Date;
  dueAt: Date;
}

/** What one scan looks for, as of `now`. */
export interface ScanWindow {
  now: Date;
  lookbackMinutes: number;
  sessionLeadHours: number[];
  examLeadHours: number;
  classEndLeadDays: number;
  probationAlertDays: number;
  /** The zone whose calendar day a probation ends on. */
  timeZone: string;
}

export interface SessionOccasion {
  startsAt: Date;
  location: string | null;
  classId: string;
  classTitle: string;
  timezone: string;
}

export interface ExamOccasion {
  closesAt: Date;
  title: string;
  classId: string;
  classTitle: string;
  timezone: string;
}

export interface ClassOccasion {
  endsOn: string;
  title: string;
  timezone: string;
}

export interface ProbationOccasion {
  fullName: string;
  orgUnitId: string;
  unitName: string;
  endsOn: string;
}

export interface ProbationAlertRow {
  userId: string;
  fullName: string;
  orgUnitId: string;
  orgUnitName: string;
  admissionDate: string;
  probationEndsOn: string;
  daysLeft: number;
}

/** A reminder's recipients: a query selecting `"userId"` (and what the text needs), each user once. */
export interface RecipientSet {
  sql: string;
  params: unknown[];
}

/**
 * One page of a reminder's recipients in user id order: after `after` (from the start when null),
 * up to `through` (to the end when null), at most `limit`.
 */
export interface RecipientPage {
  after: string | null;
  through: string | null;
  limit: number;
}

/** Sorts before every other uuid: the start of the first page. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

const RETURNING = `RETURNING kind, object_id AS "objectId", lead, occurs_at AS "occursAt", due_at AS "dueAt"`;

// A probation ends 12 months after admission, as a calendar day.
const PROBATION_END = `(u.party_admission_date + interval '12 months')::date`;

// Certificates' and curricula's tables, read: a valid certificate of a new-member programme.
const HOLDS_NEW_MEMBER_CERTIFICATE = `EXISTS (
  SELECT 1 FROM certificates cert JOIN programs pr ON pr.id = cert.program_id
   WHERE cert.user_id = u.id AND cert.status = 'valid' AND pr.kind = 'new_member')`;

/**
 * Reminders own `reminders`; every other table here is read only. The scans are reports across
 * features by nature (sessions, exams, enrolments, certificates, people), so their read joins are
 * written once, here.
 */
@Injectable()
export class RemindersRepository {
  /**
   * Takes every reminder due in (now − lookback, now] whose row does not exist yet and answers
   * those taken; a second scan at the same moment gets nothing back.
   */
  async takeDue(em: EntityManager, w: ScanWindow): Promise<DueReminder[]> {
    const from = new Date(w.now.getTime() - w.lookbackMinutes * 60_000);
    // Sessions (classes' tables) of classes still running, `lead` hours ahead of their start.
    const sessions: DueReminder[] = await em.query(
      `INSERT INTO reminders (kind, object_id, lead, occurs_at, due_at)
       SELECT 'session.reminder', s.id, l.hours::text || 'h', s.starts_at, s.starts_at - make_interval(hours => l.hours)
         FROM unnest($3::int[]) AS l(hours)
         JOIN class_sessions s ON s.starts_at > $1::timestamptz + make_interval(hours => l.hours)
                              AND s.starts_at <= $2::timestamptz + make_interval(hours => l.hours)
         JOIN classes c ON c.id = s.class_id AND c.status <> 'closed'
        WHERE s.starts_at > $2
       ON CONFLICT DO NOTHING ${RETURNING}`,
      [from, w.now, w.sessionLeadHours],
    );
    // Exams (exams' table) of open classes, `lead` hours before they close.
    const exams: DueReminder[] = await em.query(
      `INSERT INTO reminders (kind, object_id, lead, occurs_at, due_at)
       SELECT 'exam.closing', e.id, $3::int::text || 'h', e.closes_at, e.closes_at - make_interval(hours => $3::int)
         FROM exams e JOIN classes c ON c.id = e.class_id AND c.status = 'open'
        WHERE e.closes_at > $1::timestamptz + make_interval(hours => $3)
          AND e.closes_at <= $2::timestamptz + make_interval(hours => $3) AND e.closes_at > $2
       ON CONFLICT DO NOTHING ${RETURNING}`,
      [from, w.now, w.examLeadHours],
    );
    // Online and hybrid classes; one ends when its last day is over in its own timezone.
    const classes: DueReminder[] = await em.query(
      `INSERT INTO reminders (kind, object_id, lead, occurs_at, due_at)
       SELECT 'class.lessons_due', c.id, $3::int::text || 'd', x.ends, x.ends - make_interval(days => $3::int)
         FROM classes c CROSS JOIN LATERAL (SELECT (c.ends_on + 1)::timestamp AT TIME ZONE c.timezone AS ends) x
        WHERE c.mode IN ('online', 'hybrid') AND c.status = 'open'
          AND x.ends - make_interval(days => $3) > $1 AND x.ends - make_interval(days => $3) <= $2
       ON CONFLICT DO NOTHING ${RETURNING}`,
      [from, w.now, w.classEndLeadDays],
    );
    // Users' party data: the whole alert window counts (no lookback), the row makes it once per end day.
    const probation: DueReminder[] = await em.query(
      `INSERT INTO reminders (kind, object_id, lead, occurs_at, due_at)
       SELECT 'probation.certificate_missing', u.id, $2::int::text || 'd', x.ends, x.ends - make_interval(days => $2::int)
         FROM users u CROSS JOIN LATERAL (SELECT ${PROBATION_END}::timestamp AT TIME ZONE $3::text AS ends) x
        WHERE u.party_status = 'probationary' AND u.party_admission_date IS NOT NULL
          AND x.ends - make_interval(days => $2) <= $1 AND x.ends + interval '1 day' > $1
          AND NOT ${HOLDS_NEW_MEMBER_CERTIFICATE}
       ON CONFLICT DO NOTHING ${RETURNING}`,
      [w.now, w.probationAlertDays, w.timeZone],
    );
    return [...sessions, ...exams, ...classes, ...probation];
  }

  /**
   * The session as it is now, held against a concurrent move (`FOR SHARE`): a move waits until
   * this reminder's emails exist, so its cancellation finds them.
   */
  async session(em: EntityManager, id: string): Promise<SessionOccasion | null> {
    const [row]: SessionOccasion[] = await em.query(
      `SELECT s.starts_at AS "startsAt", s.location, c.id AS "classId", c.title AS "classTitle", c.timezone
         FROM class_sessions s JOIN classes c ON c.id = s.class_id
        WHERE s.id = $1 AND c.status <> 'closed' FOR SHARE OF s`,
      [id],
    );
    return row ?? null;
  }

  /** Active learners (enrolments) and instructors (classes) of a class, each once. */
  learnersAndInstructors(classId: string): RecipientSet {
    return {
      sql: `SELECT user_id AS "userId" FROM enrollments WHERE class_id = $1 AND status = 'active'
             UNION SELECT user_id FROM class_instructors WHERE class_id = $1`,
      params: [classId],
    };
  }

  /** The page of the set's recipients, in user id order. */
  page<T extends { userId: string }>(em: EntityManager, set: RecipientSet, page: RecipientPage): Promise<T[]> {
    const n = set.params.length;
    return em.query(
      `SELECT * FROM (${set.sql}) r
        WHERE "userId" > $${n + 1} AND ($${n + 2}::uuid IS NULL OR "userId" <= $${n + 2})
        ORDER BY "userId" LIMIT $${n + 3}`,
      [...set.params, page.after ?? NIL_UUID, page.through, page.limit],
    );
  }

  /** The user id ending each full page of `size`, in order: where the pages of the set split. */
  async pageEnds(em: EntityManager, set: RecipientSet, size: number): Promise<string[]> {
    const rows: { userId: string }[] = await em.query(
      `SELECT "userId" FROM (SELECT "userId", row_number() OVER (ORDER BY "userId") AS n FROM (${set.sql}) r) numbered
        WHERE n % $${set.params.length + 1} = 0 ORDER BY "userId"`,
      [...set.params, size],
    );
    return rows.map((r) => r.userId);
  }

  async exam(em: EntityManager, id: string): Promise<ExamOccasion | null> {
    const [row]: ExamOccasion[] = await em.query(
      `SELECT e.closes_at AS "closesAt", e.title, c.id AS "classId", c.title AS "classTitle", c.timezone
         FROM exams e JOIN classes c ON c.id = e.class_id WHERE e.id = $1 AND c.status = 'open'`,
      [id],
    );
    return row ?? null;
  }

  /** Active learners of the exam's class with no submitted attempt (exams' `exam_attempts`). */
  withoutSubmission(examId: string, classId: string): RecipientSet {
    return {
      sql: `SELECT en.user_id AS "userId" FROM enrollments en
             WHERE en.class_id = $2 AND en.status = 'active'
               AND NOT EXISTS (SELECT 1 FROM exam_attempts a
                                WHERE a.exam_id = $1 AND a.enrollment_id = en.id AND a.submitted_at IS NOT NULL)`,
      params: [examId, classId],
    };
  }

  async onlineClass(em: EntityManager, id: string): Promise<ClassOccasion | null> {
    const [row]: ClassOccasion[] = await em.query(
      `SELECT ends_on::text AS "endsOn", title, timezone FROM classes
        WHERE id = $1 AND status = 'open' AND mode IN ('online', 'hybrid')`,
      [id],
    );
    return row ?? null;
  }

  /** Active learners with mandatory lessons left, by their enrolment summary (`completed`, `total`). */
  lessonsLeft(classId: string): RecipientSet {
    return {
      sql: `SELECT user_id AS "userId", mandatory_lessons_completed AS completed, mandatory_lessons_total AS total
              FROM enrollments
             WHERE class_id = $1 AND status = 'active' AND mandatory_lessons_completed < mandatory_lessons_total`,
      params: [classId],
    };
  }

  /** The member, if still probationary, without a new-member certificate. */
  async probationer(em: EntityManager, userId: string): Promise<ProbationOccasion | null> {
    const [row]: ProbationOccasion[] = await em.query(
      `SELECT u.full_name AS "fullName", u.org_unit_id AS "orgUnitId", o.name AS "unitName",
              ${PROBATION_END}::text AS "endsOn"
         FROM users u JOIN org_units o ON o.id = u.org_unit_id
        WHERE u.id = $1 AND u.party_status = 'probationary' AND u.party_admission_date IS NOT NULL
          AND NOT ${HOLDS_NEW_MEMBER_CERTIFICATE}`,
      [userId],
    );
    return row ?? null;
  }

  /**
   * The school admins responsible for a unit: those holding `school_admin` at the unit itself or
   * else at its nearest ancestor that has any (a party cell has none; its province's school does).
   */
  async schoolAdminsOf(em: EntityManager, orgUnitId: string): Promise<string[]> {
    const rows: { userId: string }[] = await em.query(
      `WITH admins AS (
         SELECT r.user_id, nlevel(a.path) AS depth
           FROM org_units unit
           JOIN org_units a ON a.path @> unit.path
           JOIN role_assignments r ON r.org_unit_id = a.id AND r.role = 'school_admin'
          WHERE unit.id = $1)
       SELECT DISTINCT user_id AS "userId" FROM admins WHERE depth = (SELECT max(depth) FROM admins)`,
      [orgUnitId],
    );
    return rows.map((r) => r.userId);
  }

  /**
   * A page of probationary members under the unit whose probation ends between `today` and
   * `today + days` without a new-member certificate, soonest first; `after` is the keyset.
   */
  probationAlerts(
    em: EntityManager,
    orgUnitId: string,
    today: string,
    days: number,
    limit: number,
    after: { endsOn: string; userId: string } | null,
  ): Promise<ProbationAlertRow[]> {
    const params: unknown[] = [orgUnitId, today, days, limit];
    const keyset = after
      ? `AND (${PROBATION_END}, u.id) > ($${params.push(after.endsOn)}::date, $${params.push(after.userId)}::uuid)`
      : '';
    return em.query(
      `SELECT u.id AS "userId", u.full_name AS "fullName", u.org_unit_id AS "orgUnitId", o.name AS "orgUnitName",
              u.party_admission_date::text AS "admissionDate", ${PROBATION_END}::text AS "probationEndsOn",
              ${PROBATION_END} - $2::date AS "daysLeft"
         FROM users u JOIN org_units o ON o.id = u.org_unit_id
        WHERE u.party_status = 'probationary' AND u.party_admission_date IS NOT NULL
          AND ${unitUnder('u.org_unit_id', '$1::uuid')}
          AND ${PROBATION_END} BETWEEN $2::date AND $2::date + $3::int
          AND NOT ${HOLDS_NEW_MEMBER_CERTIFICATE} ${keyset}
        ORDER BY ${PROBATION_END}, u.id LIMIT $4`,
      params,
    );
  }
}
