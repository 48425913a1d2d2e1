import { Injectable } from '@nestjs/common';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { notFound } from '../../common/problem';
import type { Principal } from '../auth/auth.decorators';
import { assignmentMayGrant, isInstructor, isStaff, Permission, permissionScope } from '../auth/permissions';
import type { TrainingClass } from '../classes/entities/training-class.entity';
import { courseNotDraft } from '../curricula/curricula.errors';
import type { Course } from '../curricula/entities/course.entity';
import { AccessRepository, FindOptions } from './access.repository';

/** The caller's transaction, when the check is part of a use case. */
export interface InTransaction {
  em?: EntityManager;
}

/**
 * Who may reach what: role (permissions.ts) × org subtree × object. A caller's scope for a
 * permission is the subtrees of the units where they hold a role granting it; subtrees follow
 * `rollup_path`, so after a merge the target's staff see what was merged in. Classes: staff whose
 * scope covers the class's unit, instructors assigned to it, and for reading its learners and the
 * learners it is open to. Courses: authors (curricula.write over the owning unit) see every status
 * and change drafts; other staff see published and archived courses, which any unit may run;
 * learners see the courses of their classes. Anything else is 404, never 403, so that nobody learns
 * what exists outside their reach.
 */
@Injectable()
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  /** Whether the unit lies in the caller's scope for the permission. */
  async coversUnit(
    principal: Principal,
    permission: Permission,
    orgUnitId: string,
    { em }: InTransaction = {},
  ): Promise<boolean> {
    const units = permissionScope(principal, permission);
    if (units === null) return true;
    if (units.length === 0) return false;
    return this.repository.unitUnderAny(orgUnitId, units, em);
  }

  /** Which of these units lie in the caller's scope: one query for a whole import file. */
  async coveredUnits(
    principal: Principal,
    permission: Permission,
    unitIds: string[],
    { em }: InTransaction = {},
  ): Promise<Set<string>> {
    const units = permissionScope(principal, permission);
    if (units === null) return new Set(unitIds);
    if (units.length === 0 || unitIds.length === 0) return new Set();
    return this.repository.unitsUnderAny(unitIds, units, em);
  }

  /** 404 unless the unit lies in the caller's scope for the permission. */
  async requireUnit(
    principal: Principal,
    permission: Permission,
    orgUnitId: string | null,
    options: InTransaction = {},
  ): Promise<void> {
    if (permissionScope(principal, permission) === null) return;
    if (!orgUnitId || !(await this.coversUnit(principal, permission, orgUnitId, options))) throw notFound();
  }

  /** Narrows a list query to rows whose unit (`unitColumn`, an org_units id) is in the caller's scope. */
  restrictToScope<T extends ObjectLiteral>(
    query: SelectQueryBuilder<T>,
    principal: Principal,
    permission: Permission,
    unitColumn: string,
  ): SelectQueryBuilder<T> {
    const units = permissionScope(principal, permission);
    return units === null ? query : this.repository.restrictToUnits(query, unitColumn, units);
  }

  /** The class for a staff use case; `lock` when the use case changes it or its enrolments. */
  async classForStaff(
    principal: Principal,
    classId: string,
    permission: Permission,
    options: FindOptions = {},
  ): Promise<TrainingClass> {
    const found = await this.repository.findClass(classId, options);
    if (!found || !(await this.staffMayClass(principal, found, permission, options))) throw notFound();
    return found;
  }

  /** Whether the caller may act on the class as staff: by scope over its unit, or by being assigned to it. */
  async staffMayClass(
    principal: Principal,
    found: TrainingClass,
    permission: Permission,
    { em }: InTransaction = {},
  ): Promise<boolean> {
    if (await this.coversUnit(principal, permission, found.orgUnitId, { em })) return true;
    if (!assignmentMayGrant(principal, permission)) return false;
    return this.repository.isClassInstructor(found.id, principal.userId!, em);
  }

  /** The class if the caller may read it: staff as above, its learners, and learners it is open to. */
  async readableClass(principal: Principal, classId: string, { em }: InTransaction = {}): Promise<TrainingClass> {
    const found = await this.repository.findClass(classId, { em });
    if (!found) throw notFound();
    if (await this.staffMayClass(principal, found, 'classes.read', { em })) return found;
    if (principal.userId && (await this.repository.isLearnerClass(classId, principal.userId, em))) return found;
    throw notFound();
  }

  /** SQL condition on `c` (a classes row) for the classes the caller may list; parameters go to `params`. */
  classListCondition(principal: Principal, params: unknown[]): string {
    return this.repository.classListCondition(params, {
      scopeUnits: permissionScope(principal, 'classes.read'),
      userId: principal.userId,
      instructor: isInstructor(principal),
    });
  }

  /** The course if the caller may read it (404 otherwise). */
  async readableCourse(principal: Principal, courseId: string, { em }: InTransaction = {}): Promise<Course> {
    const course = await this.repository.findCourse(courseId, { em });
    if (!course || !(await this.mayReadCourse(principal, course, em))) throw notFound();
    return course;
  }

  /**
   * The course, if the caller may see its answer keys (question bank, export): its authors, and for a
   * published or archived course any instructor or school admin, since every unit may run its exams.
   * Learners never; 404 otherwise.
   */
  async courseWithKeys(principal: Principal, courseId: string, { em }: InTransaction = {}): Promise<Course> {
    const course = await this.repository.findCourse(courseId, { em });
    if (!course) throw notFound();
    if (await this.coversUnit(principal, 'curricula.write', course.orgUnitId, { em })) return course;
    const authorSomewhere = permissionScope(principal, 'curricula.write')?.length !== 0;
    if (course.status !== 'draft' && authorSomewhere) return course;
    throw notFound();
  }

  /** The course, in the caller's authoring scope (404 otherwise); `lock` when the use case changes it. */
  async authoredCourse(principal: Principal, courseId: string, options: FindOptions = {}): Promise<Course> {
    const course = await this.repository.findCourse(courseId, options);
    if (!course) throw notFound();
    await this.requireUnit(principal, 'curricula.write', course.orgUnitId, options);
    return course;
  }

  /** As `authoredCourse`, and 409 unless the course is still a draft: published curricula do not change. */
  async draftCourse(principal: Principal, courseId: string, options: FindOptions = {}): Promise<Course> {
    const course = await this.authoredCourse(principal, courseId, options);
    if (course.status !== 'draft') throw courseNotDraft(course);
    return course;
  }

  /** SQL condition on `c` (a courses row) for the courses the caller may list; parameters go to `params`. */
  courseListCondition(principal: Principal, params: unknown[]): string {
    return this.repository.courseListCondition(params, {
      authoringUnits: permissionScope(principal, 'curricula.write'),
      staff: isStaff(principal),
      userId: principal.userId,
    });
  }

  private async mayReadCourse(principal: Principal, course: Course, em?: EntityManager): Promise<boolean> {
    if (await this.coversUnit(principal, 'curricula.write', course.orgUnitId, { em })) return true;
    if (course.status !== 'draft' && isStaff(principal)) return true;
    return !!principal.userId && (await this.repository.isLearnerOfCourse(course.id, principal.userId, em));
  }
}
