import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { OutboxService } from '../../queue/outbox.service';
import { AccessService } from '../access/access.service';
import { unitUnder } from '../access/subtree';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { RosterService } from '../enrollments/roster.service';
import { OrgUnitsService } from '../org-units/org-units.service';
import {
  capacityBelowEnrollments,
  classClosed,
  classCodeTaken,
  courseNotPublished,
  instructorAlreadyAssigned,
} from './classes.errors';
import { ClassesRepository } from './classes.repository';
import {
  AssignInstructorRequest,
  ClassView,
  CreateClassRequest,
  ListClassesQuery,
  UpdateClassRequest,
} from './dto/class.dto';
import { TrainingClass } from './entities/training-class.entity';

/** Types other features see of a class (its entity stays classes' own). */
export type { ClassMode, TrainingClass } from './entities/training-class.entity';

/**
 * Classes: a published course run at a unit, planned → open → closed (closing is the enrolments'
 * use case, which finalises the enrolments and then calls `close`).
 */
@Injectable()
export class ClassesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly classes: ClassesRepository,
    private readonly roster: RosterService,
    private readonly access: AccessService,
    private readonly orgUnits: OrgUnitsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly env: Environment,
  ) {}

  async create(principal: Principal, request: CreateClassRequest): Promise<ClassView> {
    return this.transactions.run(async (em) => {
      await this.access.requireUnit(principal, 'classes.write', request.orgUnitId, { em });
      await this.orgUnits.assertActive(em, request.orgUnitId);
      const course = await this.access.readableCourse(principal, request.courseId, { em }).catch(() => {
        throw validationProblem([{ field: 'courseId', message: 'không có khóa học này' }]);
      });
      if (course.status !== 'published') {
        throw courseNotPublished();
      }
      this.assertDates(request.startsOn, request.endsOn);
      if (await this.classes.codeTaken(em, request.orgUnitId, request.code)) throw classCodeTaken(request.code);
      const created = await this.classes.create(em, {
        courseId: course.id,
        orgUnitId: request.orgUnitId,
        code: request.code,
        title: request.title.trim().normalize('NFC'),
        startsOn: request.startsOn,
        endsOn: request.endsOn,
        mode: request.mode,
        capacity: request.capacity ?? null,
        enrollmentPolicy: request.enrollmentPolicy,
        timezone: request.timezone ?? this.env.DEFAULT_TIMEZONE,
        requireFinalExam: request.requireFinalExam ?? course.completionRule.requireFinalExam,
        createdByUserId: principal.userId,
      });
      await this.outbox.publish(em, 'class.changed', { classId: created.id, orgUnitId: created.orgUnitId });
      return this.view(em, created.id);
    });
  }

  async list(principal: Principal, query: ListClassesQuery): Promise<Page<ClassView>> {
    const params: unknown[] = [];
    const where = [this.access.classListCondition(principal, params)];
    if (query.orgUnitId) {
      where.push(unitUnder('c.org_unit_id', `$${params.push(query.orgUnitId)}::uuid`));
    }
    if (query.courseId) where.push(`c.course_id = $${params.push(query.courseId)}::uuid`);
    if (query.status) where.push(`c.status = $${params.push(query.status)}`);
    if (query.from) where.push(`c.ends_on >= $${params.push(query.from)}::date`);
    if (query.to) where.push(`c.starts_on <= $${params.push(query.to)}::date`);
    if (query.cursor) {
      const [startsOn, id] = decodeCursor(query.cursor, 2);
      where.push(`(c.starts_on, c.id) > ($${params.push(startsOn)}::date, $${params.push(id)}::uuid)`);
    }
    const rows = await this.classes.page(this.transactions.manager, where, params, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const items = await this.views(
      this.transactions.manager,
      page.map((r) => r.id),
    );
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: rows.length > query.limit ? encodeCursor([last.starts_on, last.id]) : null,
    };
  }

  async get(principal: Principal, id: string): Promise<ClassView> {
    await this.access.readableClass(principal, id);
    return this.view(this.transactions.manager, id);
  }

  async update(principal: Principal, id: string, request: UpdateClassRequest): Promise<ClassView> {
    return this.transactions.run(async (em) => {
      const found = await this.access.classForStaff(principal, id, 'classes.write', { em, lock: true });
      if (found.status === 'closed') throw classClosed('edit');
      const startsOn = request.startsOn ?? found.startsOn;
      const endsOn = request.endsOn ?? found.endsOn;
      this.assertDates(startsOn, endsOn);
      if (request.capacity !== undefined && request.capacity !== null) {
        const active = await this.roster.activeCount(em, id);
        if (request.capacity < active) throw capacityBelowEnrollments(active);
      }
      let status = found.status;
      if (request.status === 'open' && found.status !== 'open') status = 'open';
      await this.classes.update(em, id, {
        title: request.title?.trim().normalize('NFC') ?? found.title,
        startsOn,
        endsOn,
        mode: request.mode ?? found.mode,
        capacity: request.capacity !== undefined ? request.capacity : found.capacity,
        enrollmentPolicy: request.enrollmentPolicy ?? found.enrollmentPolicy,
        timezone: request.timezone ?? found.timezone,
        requireFinalExam: request.requireFinalExam ?? found.requireFinalExam,
        status,
        openedAt: status === 'open' && !found.openedAt ? new Date() : found.openedAt,
      });
      if (status !== found.status) {
        await this.audit.record(em, {
          action: 'class.opened',
          ...actorOf(principal),
          targetType: 'class',
          targetId: id,
          orgUnitId: found.orgUnitId,
        });
      }
      await this.outbox.publish(em, 'class.changed', { classId: id, orgUnitId: found.orgUnitId });
      return this.view(em, id);
    });
  }

  /** Assigns an instructor (from any unit: a provincial lecturer may teach a commune class). */
  async assignInstructor(principal: Principal, id: string, request: AssignInstructorRequest): Promise<ClassView> {
    return this.transactions.run(async (em) => {
      await this.access.classForStaff(principal, id, 'classes.write', { em, lock: true });
      if (!(await this.classes.isInstructor(em, request.userId))) {
        throw validationProblem([{ field: 'userId', message: 'không phải là giảng viên' }]);
      }
      if (await this.classes.instructorAssigned(em, id, request.userId)) throw instructorAlreadyAssigned();
      await this.classes.addInstructor(em, id, request.userId);
      return this.view(em, id);
    });
  }

  async unassignInstructor(principal: Principal, id: string, userId: string): Promise<void> {
    await this.transactions.run(async (em) => {
      await this.access.classForStaff(principal, id, 'classes.write', { em, lock: true });
      if (!(await this.classes.removeInstructor(em, id, userId))) throw notFound();
    });
  }

  /** The class, or null; no access check (the caller made its own). */
  find(em: EntityManager, id: string): Promise<TrainingClass | null> {
    return this.classes.find(em, id);
  }

  /** The classes of these ids (missing ids are left out); no access check. */
  findMany(em: EntityManager, ids: string[]): Promise<TrainingClass[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.classes.findByIds(em, ids);
  }

  /** Up to `limit` class ids after `after` in id order, for walks over every class (rebuilds). */
  idsAfter(em: EntityManager, after: string | null, limit: number): Promise<string[]> {
    return this.classes.idsAfter(em, after, limit);
  }

  /** The class row locked for a seat change; no access check (the caller made its own). */
  lock(em: EntityManager, id: string): Promise<TrainingClass> {
    return this.classes.lock(em, id);
  }

  /**
   * Marks the class closed and publishes `class.closed`, in the caller's transaction: the enrolments'
   * close use case, which holds the class row lock and has finalised the enrolments.
   */
  async close(em: EntityManager, found: TrainingClass, closedAt: Date): Promise<void> {
    await this.classes.update(em, found.id, { status: 'closed', closedAt });
    await this.outbox.publish(em, 'class.closed', {
      classId: found.id,
      orgUnitId: found.orgUnitId,
      closedAt: closedAt.toISOString(),
    });
  }

  async view(em: EntityManager, id: string): Promise<ClassView> {
    const [view] = await this.views(em, [id]);
    if (!view) throw notFound();
    return view;
  }

  private async views(em: EntityManager, ids: string[]): Promise<ClassView[]> {
    if (ids.length === 0) return [];
    const classes = await this.classes.findByIds(em, ids);
    const counts = await this.roster.activeCountsByClass(em, ids);
    const instructors = await this.classes.instructorsOf(em, ids);
    const byId = new Map(classes.map((c) => [c.id, c]));
    return ids
      .filter((id) => byId.has(id))
      .map((id) =>
        ClassView.from(
          byId.get(id)!,
          counts.get(id) ?? 0,
          instructors.filter((i) => i.class_id === id).map((i) => i.user_id),
        ),
      );
  }

  private assertDates(startsOn: string, endsOn: string): void {
    if (endsOn < startsOn) throw validationProblem([{ field: 'endsOn', message: 'không được trước ngày bắt đầu' }]);
  }
}
