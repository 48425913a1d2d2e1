import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page } from '../../common/pagination';
import { conflict, notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { Environment } from '../../config/environment';
import { AccessService } from '../access/access.service';
import { unitUnder } from '../access/subtree';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { OrgUnitsService } from '../org-units/org-units.service';
import {
  AssignInstructorRequest,
  ClassView,
  CreateClassRequest,
  ListClassesQuery,
  UpdateClassRequest,
} from './dto/class.dto';
import { ClassInstructor } from './entities/class-instructor.entity';
import { TrainingClass } from './entities/training-class.entity';

/** Classes: a published course run at a unit, planned → open → closed (closing is the enrolments' use case). */
@Injectable()
export class ClassesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly orgUnits: OrgUnitsService,
    private readonly audit: AuditService,
    private readonly env: Environment,
  ) {}

  async create(principal: Principal, request: CreateClassRequest): Promise<ClassView> {
    return this.dataSource.transaction(async (em) => {
      await this.access.requireUnit(principal, 'classes.write', request.orgUnitId, { em });
      await this.orgUnits.assertActive(em, request.orgUnitId);
      const course = await this.access.readableCourse(principal, request.courseId, { em }).catch(() => {
        throw validationProblem([{ field: 'courseId', message: 'không có khóa học này' }]);
      });
      if (course.status !== 'published') {
        throw conflict('course_not_published', 'Chỉ mở lớp theo khóa học đã ban hành (published).');
      }
      this.assertDates(request.startsOn, request.endsOn);
      if (await em.existsBy(TrainingClass, { orgUnitId: request.orgUnitId, code: request.code })) {
        throw conflict('class_code_taken', `Đơn vị đã có lớp mã "${request.code}".`);
      }
      const created = await em.save(TrainingClass, {
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
    const rows: { id: string; starts_on: string }[] = await this.dataSource.query(
      `SELECT c.id, c.starts_on::text AS starts_on FROM classes c WHERE ${where.join(' AND ')}
        ORDER BY c.starts_on, c.id LIMIT $${params.push(query.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const items = await this.views(
      this.dataSource.manager,
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
    return this.view(this.dataSource.manager, id);
  }

  async update(principal: Principal, id: string, request: UpdateClassRequest): Promise<ClassView> {
    return this.dataSource.transaction(async (em) => {
      const found = await this.access.classForStaff(principal, id, 'classes.write', { em, lock: true });
      if (found.status === 'closed') throw conflict('class_closed', 'Lớp đã kết thúc: không sửa được nữa.');
      const startsOn = request.startsOn ?? found.startsOn;
      const endsOn = request.endsOn ?? found.endsOn;
      this.assertDates(startsOn, endsOn);
      if (request.capacity !== undefined && request.capacity !== null) {
        const active = await this.activeCount(em, id);
        if (request.capacity < active) {
          throw conflict('capacity_below_enrollments', `Lớp đang có ${active} học viên: sức chứa không thể nhỏ hơn.`);
        }
      }
      let status = found.status;
      if (request.status === 'open' && found.status !== 'open') status = 'open';
      await em.update(TrainingClass, id, {
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
      return this.view(em, id);
    });
  }

  /** Assigns an instructor (from any unit: a provincial lecturer may teach a commune class). */
  async assignInstructor(principal: Principal, id: string, request: AssignInstructorRequest): Promise<ClassView> {
    return this.dataSource.transaction(async (em) => {
      await this.access.classForStaff(principal, id, 'classes.write', { em, lock: true });
      const held: unknown[] = await em.query(
        `SELECT 1 FROM role_assignments WHERE user_id = $1 AND role = 'instructor' LIMIT 1`,
        [request.userId],
      );
      if (held.length === 0) throw validationProblem([{ field: 'userId', message: 'không phải là giảng viên' }]);
      if (await em.existsBy(ClassInstructor, { classId: id, userId: request.userId })) {
        throw conflict('instructor_already_assigned', 'Giảng viên đã được phân công cho lớp này.');
      }
      await em.insert(ClassInstructor, { classId: id, userId: request.userId });
      return this.view(em, id);
    });
  }

  async unassignInstructor(principal: Principal, id: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.access.classForStaff(principal, id, 'classes.write', { em, lock: true });
      const { affected } = await em.delete(ClassInstructor, { classId: id, userId });
      if (!affected) throw notFound();
    });
  }

  /** Seats taken: the active enrolments. Callers changing seats hold the class row lock. */
  activeCount(em: EntityManager, classId: string): Promise<number> {
    return em
      .query(`SELECT count(*)::int AS n FROM enrollments WHERE class_id = $1 AND status = 'active'`, [classId])
      .then((rows: { n: number }[]) => rows[0].n);
  }

  async view(em: EntityManager, id: string): Promise<ClassView> {
    const [view] = await this.views(em, [id]);
    if (!view) throw notFound();
    return view;
  }

  private async views(em: EntityManager, ids: string[]): Promise<ClassView[]> {
    if (ids.length === 0) return [];
    const classes = await em
      .getRepository(TrainingClass)
      .createQueryBuilder('c')
      .where('c.id = ANY(:ids)', { ids })
      .getMany();
    const counts: { class_id: string; n: number }[] = await em.query(
      `SELECT class_id, count(*)::int AS n FROM enrollments WHERE class_id = ANY($1) AND status = 'active' GROUP BY class_id`,
      [ids],
    );
    const instructors: { class_id: string; user_id: string }[] = await em.query(
      `SELECT class_id, user_id FROM class_instructors WHERE class_id = ANY($1) ORDER BY created_at`,
      [ids],
    );
    const byId = new Map(classes.map((c) => [c.id, c]));
    return ids
      .filter((id) => byId.has(id))
      .map((id) =>
        ClassView.from(
          byId.get(id)!,
          counts.find((c) => c.class_id === id)?.n ?? 0,
          instructors.filter((i) => i.class_id === id).map((i) => i.user_id),
        ),
      );
  }

  private assertDates(startsOn: string, endsOn: string): void {
    if (endsOn < startsOn) throw validationProblem([{ field: 'endsOn', message: 'không được trước ngày bắt đầu' }]);
  }
}
