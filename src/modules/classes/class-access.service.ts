import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../../common/problem';
import type { Principal } from '../auth/auth.decorators';
import { Permission } from '../auth/permissions';
import { OrgScopeService } from '../org-units/org-scope.service';
import { TrainingClass } from './entities/training-class.entity';

/** Permissions an instructor assigned to a class holds for it, wherever their own role sits. */
const ASSIGNMENT_PERMISSIONS: readonly Permission[] = [
  'classes.read',
  'sessions.manage',
  'enrollments.read',
  'exams.manage',
];

/**
 * Who may see and run a class: staff whose role covers the class's unit, instructors assigned to
 * it, and, for reading, its learners and the learners it is open to (their home unit lies under
 * the class's unit). Anything else is 404.
 */
@Injectable()
export class ClassAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: OrgScopeService,
  ) {}

  /** The class for a staff use case; locked when the use case changes it or its enrolments. */
  async forStaff(
    principal: Principal,
    classId: string,
    permission: Permission,
    em: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<TrainingClass> {
    const found = await em.findOne(TrainingClass, {
      where: { id: classId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!found || !(await this.staffMay(principal, found, permission, em))) throw notFound();
    return found;
  }

  async staffMay(
    principal: Principal,
    found: TrainingClass,
    permission: Permission,
    em: EntityManager,
  ): Promise<boolean> {
    if (await this.scope.covers(principal, permission, found.orgUnitId, em)) return true;
    if (!principal.userId || !ASSIGNMENT_PERMISSIONS.includes(permission)) return false;
    if (!principal.roles.some((r) => r.role === 'instructor')) return false;
    const rows: unknown[] = await em.query(`SELECT 1 FROM class_instructors WHERE class_id = $1 AND user_id = $2`, [
      found.id,
      principal.userId,
    ]);
    return rows.length > 0;
  }

  /** The class if the caller may read it: staff as above, its learners, and learners it is open to. */
  async readable(
    principal: Principal,
    classId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<TrainingClass> {
    const found = await em.findOneBy(TrainingClass, { id: classId });
    if (!found) throw notFound();
    if (await this.staffMay(principal, found, 'classes.read', em)) return found;
    if (principal.userId) {
      const rows: unknown[] = await em.query(
        `SELECT 1 FROM classes c WHERE c.id = $2 AND ${this.learnerCondition('$1')}`,
        [principal.userId, classId],
      );
      if (rows.length > 0) return found;
    }
    throw notFound();
  }

  /**
   * SQL condition on `c` (a classes row) for a learner (`userParam` holds the user id): enrolled in
   * it, or it takes enrolments and their home unit lies in its unit's subtree.
   */
  learnerCondition(userParam: string): string {
    return `(EXISTS (SELECT 1 FROM enrollments e WHERE e.class_id = c.id AND e.user_id = ${userParam}::uuid)
             OR (c.status <> 'closed' AND c.enrollment_policy <> 'closed' AND EXISTS (
               SELECT 1 FROM users u JOIN org_units home ON home.id = u.org_unit_id, org_units runner
                WHERE u.id = ${userParam}::uuid AND runner.id = c.org_unit_id AND home.rollup_path <@ runner.rollup_path)))`;
  }

  /** SQL condition on `c` for the classes a caller may list (parameters appended to `params`). */
  visibility(principal: Principal, params: unknown[]): string {
    const units = this.scope.scopeUnits(principal, 'classes.read');
    if (units === null) return 'true';
    const conditions: string[] = [];
    if (units.length > 0) {
      conditions.push(
        `c.org_unit_id IN (SELECT inside.id FROM org_units inside WHERE inside.rollup_path <@ ANY (
           SELECT scope.rollup_path FROM org_units scope WHERE scope.id = ANY($${params.push(units)}::uuid[])))`,
      );
    }
    if (principal.userId) {
      const user = `$${params.push(principal.userId)}`;
      if (principal.roles.some((r) => r.role === 'instructor')) {
        conditions.push(`c.id IN (SELECT ci.class_id FROM class_instructors ci WHERE ci.user_id = ${user}::uuid)`);
      }
      conditions.push(this.learnerCondition(user));
    }
    return conditions.length > 0 ? `(${conditions.join(' OR ')})` : 'false';
  }
}
