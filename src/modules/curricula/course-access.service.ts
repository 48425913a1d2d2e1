import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, notFound, ProblemException } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import type { Principal } from '../auth/auth.decorators';
import { OrgScopeService } from '../org-units/org-scope.service';
import { OrgUnitsService } from '../org-units/org-units.service';
import { Course } from './entities/course.entity';

/**
 * Who may see and change a course. Authors (curricula.write over the owning unit) see every status
 * and change drafts; other staff see published and archived courses, which any unit may run;
 * learners see the courses of their classes. Anything else is 404.
 */
@Injectable()
export class CourseAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: OrgScopeService,
    private readonly orgUnits: OrgUnitsService,
  ) {}

  async readable(principal: Principal, courseId: string, em = this.dataSource.manager): Promise<Course> {
    const course = await em.findOneBy(Course, { id: courseId });
    if (!course || !(await this.canRead(principal, course, em))) throw notFound();
    return course;
  }

  async canRead(principal: Principal, course: Course, em = this.dataSource.manager): Promise<boolean> {
    if (await this.scope.covers(principal, 'curricula.write', course.orgUnitId, em)) return true;
    if (course.status !== 'draft' && principal.roles.some((r) => r.role !== 'learner')) return true;
    return !!principal.userId && (await this.isLearnerOf(em, principal.userId, course.id));
  }

  /**
   * The course, if the caller may see its answer keys (question bank, export): its authors, and for a
   * published or archived course any instructor or school admin, since every unit may run its exams.
   * Learners never; 404 otherwise.
   */
  async keysReadable(principal: Principal, courseId: string, em = this.dataSource.manager): Promise<Course> {
    const course = await em.findOneBy(Course, { id: courseId });
    if (!course) throw notFound();
    if (await this.scope.covers(principal, 'curricula.write', course.orgUnitId, em)) return course;
    const authorSomewhere = this.scope.scopeUnits(principal, 'curricula.write')?.length !== 0;
    if (course.status !== 'draft' && authorSomewhere) return course;
    throw notFound();
  }

  /** The course locked for the use case, in the caller's authoring scope (404 otherwise). */
  async lockAuthored(em: EntityManager, principal: Principal, courseId: string): Promise<Course> {
    const course = await em.findOne(Course, { where: { id: courseId }, lock: { mode: 'pessimistic_write' } });
    if (!course) throw notFound();
    await this.scope.assertCovers(principal, 'curricula.write', course.orgUnitId, em);
    return course;
  }

  /** As `lockAuthored`, and 409 unless the course is still a draft: published curricula do not change. */
  async lockDraft(em: EntityManager, principal: Principal, courseId: string): Promise<Course> {
    const course = await this.lockAuthored(em, principal, courseId);
    if (course.status !== 'draft') throw this.notDraft(course);
    return course;
  }

  notDraft(course: Course): ProblemException {
    return conflict(
      'course_not_draft',
      `Khóa học đang ở trạng thái "${course.status}": chỉ bản nháp được sửa. Hãy tạo phiên bản mới (POST /courses/${course.id}/versions).`,
    );
  }

  /**
   * The unit that will own a new programme or course: the one asked for, in the caller's authoring
   * scope, or else the caller's only authoring unit (the root of the tree for a system admin).
   */
  async ownerUnit(em: EntityManager, principal: Principal, requested: string | undefined): Promise<string> {
    if (requested) {
      await this.scope.assertCovers(principal, 'curricula.write', requested, em);
      await this.orgUnits.assertActive(em, requested);
      return requested;
    }
    const units = this.scope.scopeUnits(principal, 'curricula.write');
    if (units === null) {
      const [root]: { id: string }[] = await em.query(
        `SELECT id FROM org_units WHERE parent_id IS NULL AND active ORDER BY created_at LIMIT 1`,
      );
      if (root) return root.id;
    } else if (units.length === 1) {
      await this.orgUnits.assertActive(em, units[0]);
      return units[0];
    } else if (units.length === 0) {
      throw new ProblemException(HttpStatus.FORBIDDEN, { detail: 'Bạn không có quyền soạn chương trình.' });
    }
    throw validationProblem([{ field: 'orgUnitId', message: 'hãy chọn đơn vị sở hữu (bạn có quyền ở nhiều đơn vị)' }]);
  }

  /** SQL condition on `c.id` (a course id) for the courses of a learner's classes; `userParam` holds the user id. */
  learnerCourseCondition(userParam: string): string {
    return `c.id IN (SELECT cl.course_id FROM enrollments e JOIN classes cl ON cl.id = e.class_id
                      WHERE e.user_id = ${userParam}::uuid AND e.status IN ('active', 'completed', 'failed'))`;
  }

  /** Enrolled in a class of the course (also after it ended; not while pending or after withdrawing). */
  private async isLearnerOf(em: EntityManager, userId: string, courseId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM courses c WHERE c.id = $2 AND ${this.learnerCourseCondition('$1')} LIMIT 1`,
      [userId, courseId],
    );
    return rows.length > 0;
  }
}
