import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page, PageQuery } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { Transactions } from '../../database/transactions';
import { BatchJobHandler, JobContext } from '../../queue/job-handler.decorator';
import { OutboxService } from '../../queue/outbox.service';
import type { CertificateFact } from '../../queue/topics';
import { AccessService } from '../access/access.service';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Person, Principal } from '../auth/auth.decorators';
import { classClosed, classNotOpen } from '../classes/classes.errors';
import { ClassesService } from '../classes/classes.service';
import type { TrainingClass } from '../classes/classes.service';
import {
  EnrollmentView,
  ListEnrollmentsQuery,
  MyEnrollmentView,
  ProgressView,
  UpdateEnrollmentRequest,
} from './dto/enrollment.dto';
import {
  ENROLLMENT_COMPLETED,
  ENROLLMENT_DECIDED,
  ENROLLMENT_FAILED,
  ENROLLMENT_PROGRESS_CHANGED,
  ENROLLMENT_SUBSCRIBERS,
} from './enrollment-events';
import {
  alreadyEnrolled,
  classFull,
  enrollmentClosed,
  enrollmentNotActive,
  enrollmentNotPending,
  enrollmentNotWithdrawable,
  lessonNotInCourse,
  personNotFound,
} from './enrollments.errors';
import {
  ClassOutcomeCounts,
  EnrollmentChangeRow,
  EnrollmentRow,
  EnrollmentsRepository,
  FeedPosition,
} from './enrollments.repository';
import type { Enrollment } from './entities/enrollment.entity';
import { ProgressService } from './progress.service';
import { HOLDING, RosterService } from './roster.service';

export { ENROLLMENT_STATUSES } from './entities/enrollment.entity';
export type { EnrollmentStatus } from './entities/enrollment.entity';
export type { ClassOutcomeCounts, EnrollmentChangeRow, FeedPosition } from './enrollments.repository';

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
    private readonly transactions: Transactions,
    private readonly enrollments: EnrollmentsRepository,
    private readonly roster: RosterService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly progress: ProgressService,
    private readonly audit: AuditService,
    private readonly classes: ClassesService,
  ) {}

  async enrollByAdmin(principal: Principal, classId: string, userId: string): Promise<EnrollmentView> {
    return this.transactions.run(async (em) => {
      const found = await this.access.classForStaff(principal, classId, 'enrollments.write', { em, lock: true });
      const person = await this.enrollments.unitOfPerson(em, userId);
      if (!person) throw personNotFound();
      await this.access.requireUnit(principal, 'users.read', person.org_unit_id, { em });
      const id = await this.seat(em, found, userId, 'active', 'admin', principal.userId);
      return this.view(em, id);
    });
  }

  /** The learner enrols: active under the `self` policy, pending under `approval`, 409 when closed or full. */
  async enrollSelf(person: Person, classId: string): Promise<EnrollmentView> {
    return this.transactions.run(async (em) => {
      await this.access.readableClass(person, classId, { em });
      const found = await this.classes.lock(em, classId);
      if (found.enrollmentPolicy === 'closed') throw enrollmentClosed();
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
    return this.transactions.run(async (em) => {
      const enrollment = await this.lockEnrollment(em, id);
      const own = enrollment.userId === principal.userId;
      if (!own) await this.access.classForStaff(principal, enrollment.classId, 'enrollments.write', { em });
      if (enrollment.status !== 'active' && enrollment.status !== 'pending') {
        throw enrollmentNotWithdrawable(enrollment.status);
      }
      await this.enrollments.update(em, id, {
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
    const rows = await this.enrollments.pageOfClass(this.transactions.manager, where, params, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(enrollmentView),
      nextCursor: rows.length > query.limit ? encodeCursor([last.full_name, last.id]) : null,
    };
  }

  async get(principal: Principal, id: string): Promise<EnrollmentView> {
    await this.visible(principal, id);
    return this.view(this.transactions.manager, id);
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
    const rows = await this.enrollments.pageOfLearner(this.transactions.manager, where, params, query.limit + 1);
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
    return this.progressView(this.transactions.manager, enrollment);
  }

  /** The learner marks a lesson of the class's course complete; marking it again changes nothing. */
  async completeLesson(person: Person, id: string, lessonId: string): Promise<ProgressView> {
    return this.transactions.run(async (em) => {
      const enrollment = await this.enrollments.find(em, id);
      if (!enrollment || enrollment.userId !== person.userId) throw notFound();
      if (enrollment.status !== 'active') throw enrollmentNotActive(enrollment.status);
      if (!(await this.enrollments.lessonOfClass(em, enrollment.classId, lessonId))) throw lessonNotInCourse();
      if (await this.enrollments.completeLesson(em, id, lessonId)) {
        await this.outbox.publish(em, ENROLLMENT_PROGRESS_CHANGED, { enrollmentId: id });
      }
      return this.progressView(em, (await this.enrollments.find(em, id))!);
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
    return this.transactions.run(async (em) => {
      const found = await this.access.classForStaff(principal, classId, 'classes.write', { em, lock: true });
      if (found.status !== 'open') throw classNotOpen(found.status);
      const now = new Date();
      let completed = 0;
      let failed = 0;
      for (const id of await this.enrollments.activeIdsOfClass(em, classId)) {
        const verdict = await this.progress.refresh(em, id, now);
        const status = verdict?.met ? 'completed' : 'failed';
        await this.enrollments.update(em, id, { status, completedAt: status === 'completed' ? now : null });
        await this.outbox.publish(
          em,
          status === 'completed' ? ENROLLMENT_COMPLETED : ENROLLMENT_FAILED,
          { enrollmentId: id, classId, unmet: verdict?.unmet ?? [] },
          { dedupeKey: `enrollment.finalised:${id}` },
        );
        if (status === 'completed') completed++;
        else failed++;
      }
      const rejected = await this.enrollments.rejectPending(em, classId, principal.userId);
      await this.classes.close(em, found, now);
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
    if (found.status === 'closed') throw classClosed();
    const existing = await this.enrollments.findOfLearner(em, found.id, userId);
    if (existing && HOLDING.includes(existing.status)) throw alreadyEnrolled(existing.status);
    if (status === 'active') await this.assertRoom(em, found);
    const fields = { status, source, decidedByUserId: decidedBy, decidedAt: decidedBy ? new Date() : null };
    if (existing) {
      await this.enrollments.update(em, existing.id, fields);
      await this.outbox.publish(em, ENROLLMENT_PROGRESS_CHANGED, { enrollmentId: existing.id });
      return existing.id;
    }
    const saved = await this.enrollments.create(em, { classId: found.id, userId, ...fields });
    await this.outbox.publish(em, ENROLLMENT_PROGRESS_CHANGED, { enrollmentId: saved.id });
    return saved.id;
  }

  async assertRoom(em: EntityManager, found: TrainingClass, adding = 1): Promise<void> {
    if (found.capacity === null) return;
    if ((await this.roster.activeCount(em, found.id)) + adding > found.capacity) throw classFull(found.capacity);
  }

  /** For reports: enrolment id → class id (missing ids are left out); no access check. */
  classesOf(em: EntityManager, enrollmentIds: string[]): Promise<Map<string, string>> {
    return this.enrollments.classesOf(em, enrollmentIds);
  }

  /** For reports: what each class's enrolments add up to (no row for a class without any); no access check. */
  outcomesOfClasses(em: EntityManager, classIds: string[]): Promise<ClassOutcomeCounts[]> {
    return classIds.length === 0 ? Promise.resolve([]) : this.enrollments.outcomesOfClasses(em, classIds);
  }

  /**
   * For the change feed: enrolments under the unit written after `after`, in commit-safe order (see
   * the repository); no access check.
   */
  changesAfter(
    em: EntityManager,
    query: { unitId: string; after: FeedPosition | null; updatedSince: Date | null; limit: number },
  ): Promise<EnrollmentChangeRow[]> {
    return this.enrollments.changesAfter(em, query);
  }

  // A certificate issued, revoked or replaced changes what the feed says of its enrolment.

  @BatchJobHandler(ENROLLMENT_SUBSCRIBERS.feedOnCertificateIssued)
  onCertificateIssued(payloads: CertificateFact[], { em }: JobContext): Promise<void> {
    return this.touchForFeed(em, payloads);
  }

  @BatchJobHandler(ENROLLMENT_SUBSCRIBERS.feedOnCertificateRevoked)
  onCertificateRevoked(payloads: CertificateFact[], { em }: JobContext): Promise<void> {
    return this.touchForFeed(em, payloads);
  }

  @BatchJobHandler(ENROLLMENT_SUBSCRIBERS.feedOnCertificateReissued)
  onCertificateReissued(payloads: CertificateFact[], { em }: JobContext): Promise<void> {
    return this.touchForFeed(em, payloads);
  }

  /** For grading: locks the enrolments in id order and returns their final scores (id → score). */
  lockFinalScores(em: EntityManager, enrollmentIds: string[]): Promise<Map<string, number | null>> {
    return this.enrollments.lockFinalScores(em, enrollmentIds);
  }

  /**
   * For grading: stores the enrolments' changed final scores in one statement (nothing for an empty
   * list); their summaries follow through the enrolments' own progress event.
   */
  async recordFinalScores(
    em: EntityManager,
    scores: { enrollmentId: string; finalScore: number | null }[],
  ): Promise<void> {
    await this.enrollments.recordFinalScores(em, scores);
    await this.outbox.publishMany(
      em,
      ENROLLMENT_PROGRESS_CHANGED,
      scores.map((s) => ({ enrollmentId: s.enrollmentId })),
    );
  }

  private touchForFeed(em: EntityManager, facts: CertificateFact[]): Promise<void> {
    return this.enrollments.touch(em, [...new Set(facts.map((f) => f.enrollmentId))]);
  }

  private async decide(principal: Principal, id: string, status: 'active' | 'rejected'): Promise<EnrollmentView> {
    return this.transactions.run(async (em) => {
      const peek = await this.enrollments.find(em, id);
      if (!peek) throw notFound();
      // Class first, then the enrolment: the same lock order as enrolling, so the two never deadlock.
      const found = await this.access.classForStaff(principal, peek.classId, 'enrollments.write', { em, lock: true });
      const enrollment = await this.lockEnrollment(em, id);
      if (enrollment.status !== 'pending') {
        throw enrollmentNotPending(enrollment.status);
      }
      if (status === 'active') await this.assertRoom(em, found);
      await this.enrollments.update(em, id, { status, decidedByUserId: principal.userId, decidedAt: new Date() });
      if (status === 'active') await this.outbox.publish(em, ENROLLMENT_PROGRESS_CHANGED, { enrollmentId: id });
      await this.outbox.publish(em, ENROLLMENT_DECIDED, {
        enrollmentId: id,
        classId: enrollment.classId,
        userId: enrollment.userId,
        status,
      });
      return this.view(em, id);
    });
  }

  /** The learner's own enrolment, or one staff may read; 404 otherwise. */
  private async visible(principal: Principal, id: string): Promise<Enrollment> {
    const enrollment = await this.enrollments.find(this.transactions.manager, id);
    if (!enrollment) throw notFound();
    if (enrollment.userId !== principal.userId) {
      await this.access.classForStaff(principal, enrollment.classId, 'enrollments.read');
    }
    return enrollment;
  }

  private async lockEnrollment(em: EntityManager, id: string): Promise<Enrollment> {
    const enrollment = await this.enrollments.lock(em, id);
    if (!enrollment) throw notFound();
    return enrollment;
  }

  private async progressView(em: EntityManager, enrollment: Enrollment): Promise<ProgressView> {
    const done = await this.enrollments.completedLessons(em, enrollment.id);
    return ProgressView.from(
      enrollment,
      done.map((d) => d.lessonId),
    );
  }

  private async view(em: EntityManager, id: string): Promise<EnrollmentView> {
    const row = await this.enrollments.view(em, id);
    if (!row) throw notFound();
    return enrollmentView(row);
  }
}
