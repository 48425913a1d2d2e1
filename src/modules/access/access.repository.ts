import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { TrainingClass } from '../classes/entities/training-class.entity';
import { Course } from '../curricula/entities/course.entity';
import { inSubtreeOf, inSubtreeOfAny, unitUnderAny } from './subtree';

/** Which rows to load, and whether to lock them for the use case's transaction. */
export interface FindOptions {
  em?: EntityManager;
  lock?: boolean;
}

/** Every query behind an access rule: org scope, class and course visibility. Rules live in AccessService. */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether the unit lies under one of the scope units. */
  async unitUnderAny(unitId: string, scopeUnits: string[], em = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM org_units target
        WHERE target.id = $1
          AND ${inSubtreeOfAny('target.rollup_path', '$2::uuid[]')}
        LIMIT 1`,
      [unitId, scopeUnits],
    );
    return rows.length > 0;
  }

  /** Which of these units lie under one of the scope units: one query for a whole import file. */
  async unitsUnderAny(unitIds: string[], scopeUnits: string[], em = this.dataSource.manager): Promise<Set<string>> {
    const rows: { id: string }[] = await em.query(
      `SELECT target.id FROM org_units target
        WHERE target.id = ANY($1::uuid[])
          AND ${inSubtreeOfAny('target.rollup_path', '$2::uuid[]')}`,
      [unitIds, scopeUnits],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Narrows a list query to rows whose unit (`unitColumn`, an org_units id) lies under the scope units. */
  restrictToUnits<T extends ObjectLiteral>(
    query: SelectQueryBuilder<T>,
    unitColumn: string,
    scopeUnits: string[],
  ): SelectQueryBuilder<T> {
    if (scopeUnits.length === 0) return query.andWhere('false');
    return query.andWhere(unitUnderAny(unitColumn, ':scopeUnits'), { scopeUnits });
  }

  findClass(
    classId: string,
    { em = this.dataSource.manager, lock = false }: FindOptions = {},
  ): Promise<TrainingClass | null> {
    return em.findOne(TrainingClass, {
      where: { id: classId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async isClassInstructor(classId: string, userId: string, em = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM class_instructors WHERE class_id = $1 AND user_id = $2`, [
      classId,
      userId,
    ]);
    return rows.length > 0;
  }

  /** Whether the class is one of the learner's (see `learnerClassCondition`). */
  async isLearnerClass(classId: string, userId: string, em = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM classes c WHERE c.id = $2 AND ${this.learnerClassCondition('$1')}`,
      [userId, classId],
    );
    return rows.length > 0;
  }

  /**
   * SQL condition on `c` for the classes a caller may list (parameters appended to `params`): those
   * under the scope units (`null`: all), those the user instructs (when an instructor), and the
   * user's classes as a learner.
   */
  classListCondition(
    params: unknown[],
    who: { scopeUnits: string[] | null; userId: string | null; instructor: boolean },
  ): string {
    if (who.scopeUnits === null) return 'true';
    const conditions: string[] = [];
    if (who.scopeUnits.length > 0) {
      conditions.push(unitUnderAny('c.org_unit_id', `$${params.push(who.scopeUnits)}::uuid[]`));
    }
    if (who.userId) {
      const user = `$${params.push(who.userId)}`;
      if (who.instructor) {
        conditions.push(`c.id IN (SELECT ci.class_id FROM class_instructors ci WHERE ci.user_id = ${user}::uuid)`);
      }
      conditions.push(this.learnerClassCondition(user));
    }
    return conditions.length > 0 ? `(${conditions.join(' OR ')})` : 'false';
  }

  findCourse(
    courseId: string,
    { em = this.dataSource.manager, lock = false }: FindOptions = {},
  ): Promise<Course | null> {
    return em.findOne(Course, {
      where: { id: courseId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Enrolled in a class of the course (also after it ended; not while pending or after withdrawing). */
  async isLearnerOfCourse(courseId: string, userId: string, em = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM courses c WHERE c.id = $2 AND ${this.learnerCourseCondition('$1')} LIMIT 1`,
      [userId, courseId],
    );
    return rows.length > 0;
  }

  /**
   * SQL condition on `c` (a courses row) for the courses a caller may list (parameters appended to
   * `params`): every status under the authoring units (`null`: all), published and archived ones
   * for staff, and the courses of the user's classes.
   */
  courseListCondition(
    params: unknown[],
    who: { authoringUnits: string[] | null; staff: boolean; userId: string | null },
  ): string {
    if (who.authoringUnits === null) return 'true';
    const conditions: string[] = [];
    if (who.authoringUnits.length > 0) {
      conditions.push(unitUnderAny('c.org_unit_id', `$${params.push(who.authoringUnits)}::uuid[]`));
    }
    if (who.staff) conditions.push(`c.status <> 'draft'`);
    if (who.userId) conditions.push(this.learnerCourseCondition(`$${params.push(who.userId)}`));
    return conditions.length > 0 ? `(${conditions.join(' OR ')})` : 'false';
  }

  /**
   * SQL condition on `c` (a classes row) for a learner (`userParam` holds the user id): enrolled in
   * it, or it takes enrolments and their home unit lies in its unit's subtree.
   */
  private learnerClassCondition(userParam: string): string {
    return `(EXISTS (SELECT 1 FROM enrollments e WHERE e.class_id = c.id AND e.user_id = ${userParam}::uuid)
             OR (c.status <> 'closed' AND c.enrollment_policy <> 'closed' AND EXISTS (
               SELECT 1 FROM users u JOIN org_units home ON home.id = u.org_unit_id, org_units runner
                WHERE u.id = ${userParam}::uuid AND runner.id = c.org_unit_id AND ${inSubtreeOf('home.rollup_path', 'runner.rollup_path')})))`;
  }

  /** SQL condition on `c.id` (a course id) for the courses of a learner's classes; `userParam` holds the user id. */
  private learnerCourseCondition(userParam: string): string {
    return `c.id IN (SELECT cl.course_id FROM enrollments e JOIN classes cl ON cl.id = e.class_id
                      WHERE e.user_id = ${userParam}::uuid AND e.status IN ('active', 'completed', 'failed'))`;
  }
}
