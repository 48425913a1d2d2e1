import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager } from 'typeorm';
import { CourseView } from './dto/course.dto';
import { Course } from './entities/course.entity';

interface CourseRow {
  id: string;
  program_id: string;
  program_code: string;
  org_unit_id: string;
  title: string;
  version: string;
  description: string | null;
  status: Course['status'];
  completion_rule: Course['completionRule'];
  grading_scale: Course['gradingScale'];
  total_periods: number;
  lesson_count: number;
  question_count: number;
  previous_version_id: string | null;
  published_at: Date | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

// question_count reads the question bank's table in the same query: one count per listed course, no extra round trip.
const COURSE_COLUMNS = `
  c.id, c.program_id, p.code AS program_code, c.org_unit_id, c.title, c.version, c.description, c.status,
  c.completion_rule, c.grading_scale, c.total_periods, c.previous_version_id, c.published_at, c.archived_at,
  c.created_at, c.updated_at,
  (SELECT count(*)::int FROM lessons l WHERE l.course_id = c.id) AS lesson_count,
  (SELECT count(*)::int FROM questions q WHERE q.course_id = c.id) AS question_count`;

function courseView(row: CourseRow): CourseView {
  return {
    id: row.id,
    programId: row.program_id,
    programCode: row.program_code,
    orgUnitId: row.org_unit_id,
    title: row.title,
    version: row.version,
    description: row.description,
    status: row.status,
    completionRule: row.completion_rule,
    gradingScale: row.grading_scale,
    totalPeriods: row.total_periods,
    lessonCount: row.lesson_count,
    questionCount: row.question_count,
    previousVersionId: row.previous_version_id,
    publishedAt: row.published_at,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface CourseListFilter {
  programId?: string;
  status?: Course['status'];
  /** Keyset position: the created_at and id of the last course of the previous page. */
  after?: unknown[];
}

/**
 * The courses table. Methods take the use case's EntityManager; the class has no dependencies, so
 * the seed constructs it with `new` (it runs before the Nest application exists).
 */
@Injectable()
export class CoursesRepository {
  async insert(em: EntityManager, course: DeepPartial<Course>): Promise<Course> {
    return em.save(Course, course);
  }

  async update(em: EntityManager, id: string, changes: DeepPartial<Course>): Promise<void> {
    await em.update(Course, id, changes);
  }

  programsOf(em: EntityManager, ids: string[]): Promise<{ id: string; program_id: string }[]> {
    return em.query(`SELECT id, program_id FROM courses WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async view(em: EntityManager, id: string): Promise<CourseView | null> {
    const [row]: CourseRow[] = await em.query(
      `SELECT ${COURSE_COLUMNS} FROM courses c JOIN programs p ON p.id = c.program_id WHERE c.id = $1`,
      [id],
    );
    return row ? courseView(row) : null;
  }

  /**
   * One page of views in creation order, `limit + 1` rows so the caller sees whether more follow.
   * `accessCondition` is a condition on `c` whose parameters are already in `params`.
   */
  async viewsPage(
    em: EntityManager,
    accessCondition: string,
    params: unknown[],
    filter: CourseListFilter,
    limit: number,
  ): Promise<CourseView[]> {
    const where: string[] = [accessCondition];
    if (filter.programId) where.push(`c.program_id = $${params.push(filter.programId)}`);
    if (filter.status) where.push(`c.status = $${params.push(filter.status)}`);
    if (filter.after) {
      const [createdAt, id] = filter.after;
      where.push(`(c.created_at, c.id) > ($${params.push(createdAt)}::timestamptz, $${params.push(id)}::uuid)`);
    }
    const rows: CourseRow[] = await em.query(
      `SELECT ${COURSE_COLUMNS} FROM courses c JOIN programs p ON p.id = c.program_id
        WHERE ${where.join(' AND ')} ORDER BY c.created_at, c.id LIMIT $${params.push(limit + 1)}`,
      params,
    );
    return rows.map(courseView);
  }

  versionTaken(em: EntityManager, programId: string, orgUnitId: string, version: string): Promise<boolean> {
    return em.existsBy(Course, { programId, orgUnitId, version });
  }

  /** Keeps the course's derived total in step with its lessons. */
  async refreshTotalPeriods(em: EntityManager, courseId: string): Promise<void> {
    await em.query(
      `UPDATE courses SET total_periods = (SELECT COALESCE(SUM(periods), 0) FROM lessons WHERE course_id = $1),
              updated_at = now()
        WHERE id = $1`,
      [courseId],
    );
  }
}
