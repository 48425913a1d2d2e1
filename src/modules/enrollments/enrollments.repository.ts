import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager } from 'typeorm';
import { unitUnder } from '../access/subtree';
import type { CompletionRule, GradingScale } from '../curricula/course-settings';
import { Enrollment, EnrollmentStatus } from './entities/enrollment.entity';
import { LessonProgress } from './entities/lesson-progress.entity';

/** An enrolment as lists show it, with the learner's name (a read join of `users`). */
export interface EnrollmentRow {
  id: string;
  class_id: string;
  user_id: string;
  full_name: string;
  username: string;
  status: EnrollmentStatus;
  source: Enrollment['source'];
  attendance_rate: string | null;
  final_score: string | null;
  classification: Enrollment['classification'];
  lessons_completed: number;
  lessons_total: number;
  completed_at: Date | null;
  created_at: Date;
  class_code?: string;
  class_title?: string;
  starts_on?: string;
  ends_on?: string;
  course_id?: string;
}

/**
 * What a class's enrolments add up to, for reports: enrolled (not withdrawn or rejected), outcomes,
 * and over the finalised ones (completed or failed) the scores (in hundredths) and classifications.
 */
export interface ClassOutcomeCounts {
  classId: string;
  enrolled: number;
  completed: number;
  failed: number;
  inProgress: number;
  scored: number;
  scoreSumCenti: number;
  xuatSac: number;
  gioi: number;
  kha: number;
  trungBinh: number;
  khongDat: number;
}

/** A position in the change feed: the writing transaction's id (`xid8`, as text) and the enrolment id. */
export interface FeedPosition {
  xid: string;
  id: string;
}

/** An enrolment as the change feed hands it out, with its class, programme and learner (read joins). */
export interface EnrollmentChangeRow {
  id: string;
  class_id: string;
  class_code: string;
  org_unit_id: string;
  program_id: string;
  user_id: string;
  username: string;
  full_name: string;
  status: EnrollmentStatus;
  classification: Enrollment['classification'];
  final_score: string | null;
  attendance_rate: string | null;
  completed_at: Date | null;
  updated_at: Date;
  change_xid: string;
}

const ENROLLMENT_COLUMNS = `e.id, e.class_id, e.user_id, u.full_name, u.username, e.status, e.source, e.attendance_rate,
  e.final_score, e.classification, e.lessons_completed, e.lessons_total, e.completed_at, e.created_at`;

/** The enrolment aggregate: `enrollments` and their `lesson_progress`. */
@Injectable()
export class EnrollmentsRepository {
  find(em: EntityManager, id: string): Promise<Enrollment | null> {
    return em.findOneBy(Enrollment, { id });
  }

  /** Enrolment id → class id (missing ids are left out). */
  async classesOf(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; class_id: string }[] = await em.query(
      `SELECT id, class_id FROM enrollments WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.class_id]));
  }

  /** Outcome counts per class; a class without enrolments has no row. */
  outcomesOfClasses(em: EntityManager, classIds: string[]): Promise<ClassOutcomeCounts[]> {
    const finalised = `status IN ('completed', 'failed')`;
    const classified = (c: string) => `count(*) FILTER (WHERE ${finalised} AND classification = '${c}')::int`;
    return em.query(
      `SELECT class_id AS "classId",
              count(*) FILTER (WHERE status NOT IN ('withdrawn', 'rejected'))::int AS enrolled,
              count(*) FILTER (WHERE status = 'completed')::int AS completed,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status IN ('active', 'pending'))::int AS "inProgress",
              count(final_score) FILTER (WHERE ${finalised})::int AS scored,
              coalesce(sum(final_score * 100) FILTER (WHERE ${finalised}), 0)::float8 AS "scoreSumCenti",
              ${classified('xuat_sac')} AS "xuatSac", ${classified('gioi')} AS gioi, ${classified('kha')} AS kha,
              ${classified('trung_binh')} AS "trungBinh", ${classified('khong_dat')} AS "khongDat"
         FROM enrollments WHERE class_id = ANY($1::uuid[]) GROUP BY class_id`,
      [classIds],
    );
  }

  /**
   * The change feed: enrolments of classes under the unit, in the order of the transactions that
   * last wrote them, after `after`. Only rows below the snapshot's xmin are handed out: every
   * transaction with a smaller id has ended, and any later one gets a larger id, so nothing can
   * still appear behind the position a reader has reached, however transactions commit.
   * `updatedSince` narrows a first read (no position yet). Class, course and learner are read joins.
   */
  changesAfter(
    em: EntityManager,
    query: { unitId: string; after: FeedPosition | null; updatedSince: Date | null; limit: number },
  ): Promise<EnrollmentChangeRow[]> {
    const params: unknown[] = [query.unitId];
    const where = [`e.change_xid < pg_snapshot_xmin(pg_current_snapshot())`, unitUnder('c.org_unit_id', '$1::uuid')];
    if (query.after) {
      where.push(
        `(e.change_xid, e.id) > ($${params.push(query.after.xid)}::xid8, $${params.push(query.after.id)}::uuid)`,
      );
    } else if (query.updatedSince) {
      where.push(`e.updated_at >= $${params.push(query.updatedSince)}`);
    }
    return em.query(
      `SELECT e.id, e.class_id, c.code AS class_code, c.org_unit_id, co.program_id, e.user_id, u.username, u.full_name,
              e.status, e.classification, e.final_score, e.attendance_rate, e.completed_at, e.updated_at,
              e.change_xid::text AS change_xid
         FROM enrollments e JOIN classes c ON c.id = e.class_id JOIN courses co ON co.id = c.course_id
         JOIN users u ON u.id = e.user_id
        WHERE ${where.join(' AND ')}
        ORDER BY e.change_xid, e.id LIMIT $${params.push(query.limit)}`,
      params,
    );
  }

  /**
   * Marks the enrolments changed (the trigger stamps the transaction), so the feed hands them out
   * again; locks them in id order, as grading does, so the two never wait on each other in a cycle.
   */
  async touch(em: EntityManager, ids: string[]): Promise<void> {
    await em.query(
      `UPDATE enrollments e SET updated_at = now()
         FROM (SELECT id FROM enrollments WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE) locked
        WHERE e.id = locked.id`,
      [ids],
    );
  }

  /**
   * FOR NO KEY UPDATE, like every enrolment lock: it excludes the other lockers all the same, but
   * not the key-share lock that inserting a check-in or an attempt takes on its enrolment, so a
   * progress recomputation never holds up learners' writes.
   */
  lock(em: EntityManager, id: string): Promise<Enrollment | null> {
    return em.findOne(Enrollment, { where: { id }, lock: { mode: 'for_no_key_update' } });
  }

  findOfLearner(em: EntityManager, classId: string, userId: string): Promise<Enrollment | null> {
    return em.findOneBy(Enrollment, { classId, userId });
  }

  create(em: EntityManager, fields: DeepPartial<Enrollment>): Promise<Enrollment> {
    return em.save(Enrollment, fields);
  }

  async update(em: EntityManager, id: string, fields: DeepPartial<Enrollment>): Promise<void> {
    await em.update(Enrollment, id, fields);
  }

  /** The person's unit, undefined for no such person (a read of users' table: no exported reader yet). */
  async unitOfPerson(em: EntityManager, userId: string): Promise<{ org_unit_id: string | null } | undefined> {
    const [person]: { org_unit_id: string | null }[] = await em.query(`SELECT org_unit_id FROM users WHERE id = $1`, [
      userId,
    ]);
    return person;
  }

  async view(em: EntityManager, id: string): Promise<EnrollmentRow | undefined> {
    const [row]: EnrollmentRow[] = await em.query(
      `SELECT ${ENROLLMENT_COLUMNS} FROM enrollments e JOIN users u ON u.id = e.user_id WHERE e.id = $1`,
      [id],
    );
    return row;
  }

  /** A page of a class's enrolments by learner name; `where` on `e`/`u` with its values in `params`. */
  pageOfClass(em: EntityManager, where: string[], params: unknown[], limit: number): Promise<EnrollmentRow[]> {
    return em.query(
      `SELECT ${ENROLLMENT_COLUMNS} FROM enrollments e JOIN users u ON u.id = e.user_id
        WHERE ${where.join(' AND ')} ORDER BY u.full_name, e.id LIMIT $${params.push(limit)}`,
      params,
    );
  }

  /** A page of a learner's enrolments, newest class first; the class columns are a read join of `classes`. */
  pageOfLearner(em: EntityManager, where: string[], params: unknown[], limit: number): Promise<EnrollmentRow[]> {
    return em.query(
      `SELECT ${ENROLLMENT_COLUMNS}, c.code AS class_code, c.title AS class_title, c.starts_on::text AS starts_on,
              c.ends_on::text AS ends_on, c.course_id
         FROM enrollments e JOIN users u ON u.id = e.user_id JOIN classes c ON c.id = e.class_id
        WHERE ${where.join(' AND ')} ORDER BY c.starts_on DESC, e.id LIMIT $${params.push(limit)}`,
      params,
    );
  }

  async activeIdsOfClass(em: EntityManager, classId: string): Promise<string[]> {
    const active: { id: string }[] = await em.query(
      `SELECT id FROM enrollments WHERE class_id = $1 AND status = 'active' ORDER BY id`,
      [classId],
    );
    return active.map((a) => a.id);
  }

  /** Rejects the class's pending requests; returns how many. */
  async rejectPending(em: EntityManager, classId: string, decidedBy: string | null): Promise<number> {
    const [, rejected]: [unknown, number] = await em.query(
      `UPDATE enrollments SET status = 'rejected', decided_at = now(), decided_by_user_id = $2, updated_at = now()
          WHERE class_id = $1 AND status = 'pending'`,
      [classId, decidedBy],
    );
    return rejected;
  }

  /** Whether the lesson is of the class's course (a read join of `lessons` and `classes`). */
  async lessonOfClass(em: EntityManager, classId: string, lessonId: string): Promise<boolean> {
    const lessons: unknown[] = await em.query(
      `SELECT 1 FROM lessons l JOIN classes c ON c.course_id = l.course_id WHERE c.id = $1 AND l.id = $2`,
      [classId, lessonId],
    );
    return lessons.length > 0;
  }

  /** Whether the lesson was newly marked complete (false: it already was). */
  async completeLesson(em: EntityManager, enrollmentId: string, lessonId: string): Promise<boolean> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO lesson_progress (enrollment_id, lesson_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING lesson_id`,
      [enrollmentId, lessonId],
    );
    return inserted.length > 0;
  }

  completedLessons(em: EntityManager, enrollmentId: string): Promise<LessonProgress[]> {
    return em.find(LessonProgress, { where: { enrollmentId }, order: { completedAt: 'ASC' } });
  }

  /** The lessons of the course, all and mandatory, and how many of each the enrolment completed. */
  async lessonCounts(
    em: EntityManager,
    courseId: string,
    enrollmentId: string,
  ): Promise<{ total: number; mandatory_total: number; completed: number; mandatory_completed: number }> {
    // A read join of curricula's `lessons` with the enrolment's progress: one query per summary.
    const [lessons]: { total: number; mandatory_total: number; completed: number; mandatory_completed: number }[] =
      await em.query(
        `SELECT count(*)::int AS total, (count(*) FILTER (WHERE l.mandatory))::int AS mandatory_total,
              count(p.lesson_id)::int AS completed,
              (count(p.lesson_id) FILTER (WHERE l.mandatory))::int AS mandatory_completed
         FROM lessons l LEFT JOIN lesson_progress p ON p.lesson_id = l.id AND p.enrollment_id = $2
        WHERE l.course_id = $1`,
        [courseId, enrollmentId],
      );
    return lessons;
  }

  /** The course's completion rule and grading scale (a read of curricula's `courses`: no exported reader yet). */
  async rulesOfCourse(
    em: EntityManager,
    courseId: string,
  ): Promise<{ completionRule: CompletionRule; gradingScale: GradingScale }> {
    const [course]: { completion_rule: CompletionRule; grading_scale: GradingScale }[] = await em.query(
      `SELECT completion_rule, grading_scale FROM courses WHERE id = $1`,
      [courseId],
    );
    return { completionRule: course.completion_rule, gradingScale: course.grading_scale };
  }

  /** The learners' enrolments in the class, any status. */
  statusesOfUsers(
    em: EntityManager,
    classId: string,
    userIds: string[],
  ): Promise<{ id: string; user_id: string; status: EnrollmentStatus }[]> {
    return em.query(`SELECT id, user_id, status FROM enrollments WHERE class_id = $1 AND user_id = ANY($2::uuid[])`, [
      classId,
      userIds,
    ]);
  }

  /** Imported learners enrolled `active` in one statement; returns the enrolments made (not those already there). */
  async insertImported(
    em: EntityManager,
    classId: string,
    decidedBy: string | null,
    userIds: string[],
  ): Promise<{ id: string }[]> {
    return em.query(
      `INSERT INTO enrollments (class_id, user_id, status, source, decided_by_user_id, decided_at)
       SELECT $1, u, 'active', 'import', $2, now() FROM unnest($3::uuid[]) AS u
       ON CONFLICT (class_id, user_id) DO NOTHING RETURNING id`,
      [classId, decidedBy, userIds],
    );
  }

  /** Withdrawn or rejected enrolments made `active` again by an import. */
  async reopenImported(em: EntityManager, ids: string[], decidedBy: string | null): Promise<{ id: string }[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [reopened]: [{ id: string }[], number] = await em.query(
      `UPDATE enrollments SET status = 'active', source = 'import', decided_by_user_id = $2, decided_at = now(),
              updated_at = now()
        WHERE id = ANY($1::uuid[]) RETURNING id`,
      [ids, decidedBy],
    );
    return reopened;
  }

  /** Locks the enrolments in id order (as every grading path does) and returns their final scores. */
  async lockFinalScores(em: EntityManager, enrollmentIds: string[]): Promise<Map<string, number | null>> {
    const rows: { id: string; final_score: number | null }[] = await em.query(
      `SELECT id, final_score::float8 AS final_score FROM enrollments WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`,
      [enrollmentIds],
    );
    return new Map(rows.map((r) => [r.id, r.final_score]));
  }

  async recordFinalScores(
    em: EntityManager,
    scores: { enrollmentId: string; finalScore: number | null }[],
  ): Promise<void> {
    if (scores.length === 0) return;
    await em.query(
      `UPDATE enrollments e SET final_score = t.final_score, updated_at = now()
         FROM unnest($1::uuid[], $2::numeric[]) AS t(id, final_score) WHERE e.id = t.id`,
      [scores.map((s) => s.enrollmentId), scores.map((s) => s.finalScore)],
    );
  }
}
