import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page, PageQuery } from '../../common/pagination';
import { conflict, notFound, ProblemException } from '../../common/problem';
import { OutboxService } from '../../queue/outbox.service';
import { AccessService } from '../access/access.service';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Person, Principal } from '../auth/auth.decorators';
import { ClassesService } from '../classes/classes.service';
import { TrainingClass } from '../classes/entities/training-class.entity';
import {
  EnrollmentView,
  ListEnrollmentsQuery,
  MyEnrollmentView,
  ProgressView,
  UpdateEnrollmentRequest,
} from './dto/enrollment.dto';
import { ENROLLMENT_COMPLETED, ENROLLMENT_FAILED, ENROLLMENT_PROGRESS_CHANGED } from './enrollment-events';
import { Enrollment, EnrollmentStatus } from './entities/enrollment.entity';
import { LessonProgress } from './entities/lesson-progress.entity';
import { ProgressService } from './progress.service';

/** Statuses that hold a seat or a result: enrolling again is a conflict, not a new row. */
const HOLDING: readonly EnrollmentStatus[] = ['pending', 'active', 'completed', 'failed'];

interface EnrollmentRow {
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

const ENROLLMENT_COLUMNS = `e.id, e.class_id, e.user_id, u.full_name, u.username, e.status, e.source, e.attendance_rate,
  e.final_score, e.classification, e.lessons_completed, e.lessons_total, e.completed_at, e.created_at`;

function enrollmentView(row: EnrollmentRow): EnrollmentView {
  return {
    id: row.id,
    classId: row.class_id,
    userId: row.user_id,
    fullName: row.full_name,
    username: row.username,
    status: row.status,
    source: row.source,
    attendanceRate: row.attendance_rate === null ? null : Number(row.attendance_rate),
    finalScore: row.final_score === null ? null : Number(row.final_score),
    classification: row.classification,
    lessonsCompleted: row.lessons_completed,
    lessonsTotal: row.lessons_total,
    completedAt: row.completed_at,
    createdAt: row.created_at,
  };
}

/**
 * Enrolments: by an admin, by the learner per the class's policy, approvals, withdrawal, lesson
 * progress and closing a class. The class row is locked for every seat change, so concurrent
 * requests never put more active learners in a class than its capacity.
 */
@Injectable()
export class EnrollmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly progress: ProgressService,
    private readonly audit: AuditService,
    private readonly classes: ClassesService,
  ) {}

  async enrollByAdmin(principal: Principal, classId: string, userId: string): Promise<EnrollmentView> {
    return this.dataSource.transaction(async (em) => {
      const found = await this.access.classForStaff(principal, classId, 'enrollments.write', { em, lock: true });
      const [person]: { org_unit_id: string | null }[] = await em.query(`SELECT org_unit_id FROM users WHERE id = $1`, [
        userId,
      ]);
      if (!person) throw notFound('Không tìm thấy người này hoặc bạn không có quyền xem.');
      await this.access.requireUnit(principal, 'users.read', person.org_unit_id, { em });
      const id = await this.seat(em, found, userId, 'active', 'admin', principal.userId);
      return this.view(em, id);
    });
  }

  /** The learner enrols: active under the `self` policy, pending under `approval`, 409 when closed or full. */
  async enrollSelf(person: Person, classId: string): Promise<EnrollmentView> {
    return this.dataSource.transaction(async (em) => {
      await this.access.readableClass(person, classId, { em });
      const found = await em.findOneOrFail(TrainingClass, {
        where: { id: classId },
        lock: { mode: 'pessimistic_write' },
      });
      if (found.enrollmentPolicy === 'closed') {
        throw conflict('enrollment_closed', 'Lớp không nhận đăng ký trực tiếp: hãy liên hệ cán bộ quản lý đào tạo.');
      }
      const status = found.enrollmentPolicy === 'self' ? 'active' : 'pending';
      const id = await this.seat(em, found, person.userId, status, 'self', null);
      return this.view(em, id);
    });
  }

  async approve(principal: Principal, id: string): Promise<EnrollmentView> {
    return this.decide(principal, id, 'active');
  }

  async reject(principal: Principal, id: string): Promise<EnrollmentView> {
    return this.decide(principal, id, 'rejected');
  }

  /** Withdrawal, by the learner or an admin of the class. */
  async update(principal: Principal, id: string, request: UpdateEnrollmentRequest): Promise<EnrollmentView> {
    return this.dataSource.transaction(async (em) => {
      const enrollment = await this.lockEnrollment(em, id);
      const own = enrollment.userId === principal.userId;
      if (!own) await this.access.classForStaff(principal, enrollment.classId, 'enrollments.write', { em });
      if (enrollment.status !== 'active' && enrollment.status !== 'pending') {
        throw conflict(
          'enrollment_not_withdrawable',
          `Ghi danh đang ở trạng thái ${enrollment.status}: không rút được.`,
        );
      }
      await em.update(Enrollment, id, {
        status: request.status,
        decidedByUserId: principal.userId,
        decidedAt: new Date(),
      });
      await this.audit.record(em, {
        action: 'enrollment.withdrawn',
        ...actorOf(principal),
        targetType: 'enrollment',
        targetId: id,
      });
      await this.outbox.publish(em, 'enrollment.withdrawn', {
        enrollmentId: id,
        classId: enrollment.classId,
        userId: enrollment.userId,
      });
      return this.view(em, id);
    });
  }

  async list(principal: Principal, classId: string, query: ListEnrollmentsQuery): Promise<Page<EnrollmentView>> {
    await this.access.classForStaff(principal, classId, 'enrollments.read');
    const params: unknown[] = [classId];
    const where = ['e.class_id = $1'];
    if (query.status) where.push(`e.status = $${params.push(query.status)}`);
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, 2);
      where.push(`(u.full_name, e.id) > ($${params.push(name)}, $${params.push(id)}::uuid)`);
    }
    const rows: EnrollmentRow[] = await this.dataSource.query(
      `SELECT ${ENROLLMENT_COLUMNS} FROM enrollments e JOIN users u ON u.id = e.user_id
        WHERE ${where.join(' AND ')} ORDER BY u.full_name, e.id LIMIT $${params.push(query.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(enrollmentView),
      nextCursor: rows.length > query.limit ? encodeCursor([last.full_name, last.id]) : null,
    };
  }

  async get(principal: Principal, id: string): Promise<EnrollmentView> {
    await this.visible(principal, id);
    return this.view(this.dataSource.manager, id);
  }

  async mine(person: Person, query: PageQuery): Promise<Page<MyEnrollmentView>> {
    const params: unknown[] = [person.userId];
    const where = ['e.user_id = $1'];
    if (query.cursor) {
      // Newest class first, then by id: the keyset runs down on one key and up on the other.
      const [startsOn, id] = decodeCursor(query.cursor, 2);
      const on = `$${params.push(startsOn)}::date`;
      where.push(`(c.starts_on < ${on} OR (c.starts_on = ${on} AND e.id > $${params.push(id)}::uuid))`);
    }
    const rows: EnrollmentRow[] = await this.dataSource.query(
      `SELECT ${ENROLLMENT_COLUMNS}, c.code AS class_code, c.title AS class_title, c.starts_on::text AS starts_on,
              c.ends_on::text AS ends_on, c.course_id
         FROM enrollments e JOIN users u ON u.id = e.user_id JOIN classes c ON c.id = e.class_id
        WHERE ${where.join(' AND ')} ORDER BY c.starts_on DESC, e.id LIMIT $${params.push(query.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const items = page.map((row) => ({
      ...enrollmentView(row),
      classCode: row.class_code!,
      classTitle: row.class_title!,
      startsOn: row.starts_on!,
      endsOn: row.ends_on!,
      courseId: row.course_id!,
    }));
    return { items, nextCursor: rows.length > query.limit ? encodeCursor([last.starts_on!, last.id]) : null };
  }

  async progressOf(principal: Principal, id: string): Promise<ProgressView> {
    const enrollment = await this.visible(principal, id);
    return this.progressView(this.dataSource.manager, enrollment);
  }

  /** The learner marks a lesson of the class's course complete; marking it again changes nothing. */
  async completeLesson(person: Person, id: string, lessonId: string): Promise<ProgressView> {
    return this.dataSource.transaction(async (em) => {
      const enrollment = await em.findOneBy(Enrollment, { id });
      if (!enrollment || enrollment.userId !== person.userId) throw notFound();
      if (enrollment.status !== 'active') {
        throw conflict(
          'enrollment_not_active',
          `Ghi danh đang ở trạng thái ${enrollment.status}: không ghi nhận tiến độ.`,
        );
      }
      const lessons: unknown[] = await em.query(
        `SELECT 1 FROM lessons l JOIN classes c ON c.course_id = l.course_id WHERE c.id = $1 AND l.id = $2`,
        [enrollment.classId, lessonId],
      );
      if (lessons.length === 0) throw notFound('Bài học không thuộc khóa học của lớp.');
      const inserted: unknown[] = await em.query(
        `INSERT INTO lesson_progress (enrollment_id, lesson_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING lesson_id`,
        [id, lessonId],
      );
      if (inserted.length > 0) await this.outbox.publish(em, ENROLLMENT_PROGRESS_CHANGED, { enrollmentId: id });
      return this.progressView(em, await em.findOneByOrFail(Enrollment, { id }));
    });
  }

  /**
   * Closes an open class: every active enrolment is finalised from a freshly computed summary to
   * `completed` or `failed` (with `enrollment.completed` / `enrollment.failed` events for
   * certificates), pending requests are rejected. One transaction: a class is closed whole or not at all.
   */
  async closeClass(
    principal: Principal,
    classId: string,
  ): Promise<{ completed: number; failed: number; rejected: number }> {
    return this.dataSource.transaction(async (em) => {
      const found = await this.access.classForStaff(principal, classId, 'classes.write', { em, lock: true });
      if (found.status !== 'open') {
        throw conflict('class_not_open', `Lớp đang ở trạng thái ${found.status}: chỉ đóng được lớp đang mở.`);
      }
      const now = new Date();
      const active: { id: string }[] = await em.query(
        `SELECT id FROM enrollments WHERE class_id = $1 AND status = 'active' ORDER BY id`,
        [classId],
      );
      let completed = 0;
      let failed = 0;
      for (const { id } of active) {
        const verdict = await this.progress.refresh(em, id, now);
        const status = verdict?.met ? 'completed' : 'failed';
        await em.update(Enrollment, id, { status, completedAt: status === 'completed' ? now : null });
        await this.outbox.publish(
          em,
          status === 'completed' ? ENROLLMENT_COMPLETED : ENROLLMENT_FAILED,
          { enrollmentId: id, classId, unmet: verdict?.unmet ?? [] },
          { dedupeKey: `enrollment.finalised:${id}` },
        );
        if (status === 'completed') completed++;
        else failed++;
      }
      const [, rejected]: [unknown, number] = await em.query(
        `UPDATE enrollments SET status = 'rejected', decided_at = now(), decided_by_user_id = $2, updated_at = now()
          WHERE class_id = $1 AND status = 'pending'`,
        [classId, principal.userId],
      );
      await em.update(TrainingClass, classId, { status: 'closed', closedAt: now });
      await this.outbox.publish(em, 'class.closed', {
        classId,
        orgUnitId: found.orgUnitId,
        closedAt: now.toISOString(),
      });
      await this.audit.record(em, {
        action: 'class.closed',
        ...actorOf(principal),
        targetType: 'class',
        targetId: classId,
        orgUnitId: found.orgUnitId,
        details: { completed, failed, rejected },
      });
      return { completed, failed, rejected };
    });
  }

  /**
   * Takes a seat: a new enrolment, or the learner's withdrawn or rejected one made live again.
   * The caller holds the class row lock; an active seat needs room under the capacity.
   */
  async seat(
    em: EntityManager,
    found: TrainingClass,
    userId: string,
    status: 'active' | 'pending',
    source: Enrollment['source'],
    decidedBy: string | null,
  ): Promise<string> {
    if (found.status === 'closed') throw conflict('class_closed', 'Lớp đã kết thúc.');
    const existing = await em.findOneBy(Enrollment, { classId: found.id, userId });
    if (existing && HOLDING.includes(existing.status)) {
      throw conflict('already_enrolled', `Người này đã ghi danh lớp (trạng thái ${existing.status}).`);
    }
    if (status === 'active') await this.assertRoom(em, found);
    const fields = { status, source, decidedByUserId: decidedBy, decidedAt: decidedBy ? new Date() : null };
    if (existing) {
      await em.update(Enrollment, existing.id, fields);
      await this.outbox.publish(em, ENROLLMENT_PROGRESS_CHANGED, { enrollmentId: existing.id });
      return existing.id;
    }
    const saved = await em.save(Enrollment, { classId: found.id, userId, ...fields });
    await this.outbox.publish(em, ENROLLMENT_PROGRESS_CHANGED, { enrollmentId: saved.id });
    return saved.id;
  }

  async assertRoom(em: EntityManager, found: TrainingClass, adding = 1): Promise<void> {
    if (found.capacity === null) return;
    if ((await this.classes.activeCount(em, found.id)) + adding > found.capacity) {
      throw new ProblemException(HttpStatus.CONFLICT, {
        code: 'class_full',
        detail: `Lớp đã đủ ${found.capacity} học viên.`,
      });
    }
  }

  private async decide(principal: Principal, id: string, status: 'active' | 'rejected'): Promise<EnrollmentView> {
    return this.dataSource.transaction(async (em) => {
      const peek = await em.findOneBy(Enrollment, { id });
      if (!peek) throw notFound();
      // Class first, then the enrolment: the same lock order as enrolling, so the two never deadlock.
      const found = await this.access.classForStaff(principal, peek.classId, 'enrollments.write', { em, lock: true });
      const enrollment = await this.lockEnrollment(em, id);
      if (enrollment.status !== 'pending') {
        throw conflict('enrollment_not_pending', `Ghi danh đang ở trạng thái ${enrollment.status}, không chờ duyệt.`);
      }
      if (status === 'active') await this.assertRoom(em, found);
      await em.update(Enrollment, id, { status, decidedByUserId: principal.userId, decidedAt: new Date() });
      if (status === 'active') await this.outbox.publish(em, ENROLLMENT_PROGRESS_CHANGED, { enrollmentId: id });
      return this.view(em, id);
    });
  }

  /** The learner's own enrolment, or one staff may read; 404 otherwise. */
  private async visible(principal: Principal, id: string): Promise<Enrollment> {
    const enrollment = await this.dataSource.getRepository(Enrollment).findOneBy({ id });
    if (!enrollment) throw notFound();
    if (enrollment.userId !== principal.userId) {
      await this.access.classForStaff(principal, enrollment.classId, 'enrollments.read');
    }
    return enrollment;
  }

  private async lockEnrollment(em: EntityManager, id: string): Promise<Enrollment> {
    const enrollment = await em.findOne(Enrollment, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!enrollment) throw notFound();
    return enrollment;
  }

  private async progressView(em: EntityManager, enrollment: Enrollment): Promise<ProgressView> {
    const done = await em.find(LessonProgress, {
      where: { enrollmentId: enrollment.id },
      order: { completedAt: 'ASC' },
    });
    return ProgressView.from(
      enrollment,
      done.map((d) => d.lessonId),
    );
  }

  private async view(em: EntityManager, id: string): Promise<EnrollmentView> {
    const [row]: EnrollmentRow[] = await em.query(
      `SELECT ${ENROLLMENT_COLUMNS} FROM enrollments e JOIN users u ON u.id = e.user_id WHERE e.id = $1`,
      [id],
    );
    if (!row) throw notFound();
    return enrollmentView(row);
  }
}
