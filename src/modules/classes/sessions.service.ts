import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page, PageQuery } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { OutboxService } from '../../queue/outbox.service';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { RosterService } from '../enrollments/roster.service';
import { AttendanceFigures, AttendanceGroup, AttendanceRepository } from './attendance.repository';
import { checkInCode, newCheckInSecret, periodOf, verifyCheckInCode } from './check-in-code';
import { checkInClosed, checkInCodeExpired, checkInCodeInvalid, checkInNotActive, classClosed } from './classes.errors';
import type { AttendanceStatus } from './entities/attendance-record.entity';
import type { TrainingClass } from './entities/training-class.entity';
import {
  BridgePointView,
  CheckInResult,
  PutAttendanceRequest,
  SessionAttendanceView,
  SessionView,
} from './dto/session.dto';
import { CreateSessionRequest, UpdateSessionRequest } from './dto/class.dto';
import type { BridgePoint } from './entities/bridge-point.entity';
import type { ClassSession } from './entities/class-session.entity';
import { SessionsRepository } from './sessions.repository';

export type { AttendanceStatus } from './entities/attendance-record.entity';
export type { AttendanceFigures, AttendanceGroup } from './attendance.repository';

const bridgePointView = (p: BridgePoint): BridgePointView => ({
  id: p.id,
  name: p.name,
  orgUnitId: p.orgUnitId,
  headcount: p.headcount,
  headcountUpdatedAt: p.headcountUpdatedAt,
});

/** Sessions of a class, their bridge points, attendance and self check-in. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly sessions: SessionsRepository,
    private readonly attendanceRecords: AttendanceRepository,
    private readonly roster: RosterService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly env: Environment,
  ) {}

  async create(principal: Principal, classId: string, request: CreateSessionRequest): Promise<SessionView> {
    return this.transactions.run(async (em) => {
      const found = await this.access.classForStaff(principal, classId, 'sessions.manage', { em, lock: true });
      this.assertNotClosed(found);
      const startsAt = new Date(request.startsAt);
      const endsAt = new Date(request.endsAt);
      if (endsAt <= startsAt) throw validationProblem([{ field: 'endsAt', message: 'phải sau giờ bắt đầu' }]);
      const lessonIds = [...new Set(request.lessonIds)];
      if (lessonIds.length > 0) {
        const known = await this.sessions.lessonIdsOfCourse(em, found.courseId, lessonIds);
        const missing = lessonIds.findIndex((id) => !known.has(id));
        if (missing >= 0) {
          throw validationProblem([
            {
              field: `lessonIds[${request.lessonIds.indexOf(lessonIds[missing])}]`,
              message: 'không phải bài học của khóa học',
            },
          ]);
        }
      }
      const session = await this.sessions.create(em, {
        classId,
        startsAt,
        endsAt,
        lessonIds,
        location: request.location?.trim().normalize('NFC') || null,
        checkInSecret: newCheckInSecret(),
      });
      if (request.bridgePoints?.length) {
        await this.sessions.addBridgePoints(
          em,
          session.id,
          request.bridgePoints.map((p) => ({
            name: p.name.trim().normalize('NFC'),
            orgUnitId: p.orgUnitId ?? null,
          })),
        );
      }
      return (await this.views(em, [session.id], true))[0];
    });
  }

  /**
   * Moves a session or changes its place (400 when it would end before it starts, 409 in a closed
   * class). A new start is a fact (`session.rescheduled`) in the same transaction, so reminders
   * for the old start are not sent.
   */
  async update(principal: Principal, sessionId: string, request: UpdateSessionRequest): Promise<SessionView> {
    return this.transactions.run(async (em) => {
      const session = await this.sessions.findForUpdate(em, sessionId);
      if (!session) throw notFound();
      const found = await this.access.classForStaff(principal, session.classId, 'sessions.manage', { em });
      if (found.status === 'closed') throw classClosed('edit');
      const startsAt = request.startsAt ? new Date(request.startsAt) : session.startsAt;
      const endsAt = request.endsAt ? new Date(request.endsAt) : session.endsAt;
      if (endsAt <= startsAt) throw validationProblem([{ field: 'endsAt', message: 'phải sau giờ bắt đầu' }]);
      const location =
        request.location === undefined ? session.location : request.location?.trim().normalize('NFC') || null;
      await this.sessions.update(em, sessionId, { startsAt, endsAt, location });
      if (startsAt.getTime() !== session.startsAt.getTime()) {
        await this.outbox.publish(em, 'session.rescheduled', {
          sessionId,
          classId: session.classId,
          startsAt: startsAt.toISOString(),
          previousStartsAt: session.startsAt.toISOString(),
        });
      }
      return (await this.views(em, [sessionId], true))[0];
    });
  }

  async list(principal: Principal, classId: string, query: PageQuery): Promise<Page<SessionView>> {
    const found = await this.access.readableClass(principal, classId);
    const staff = await this.access.staffMayClass(principal, found, 'sessions.manage');
    const params: unknown[] = [classId];
    const where = ['class_id = $1'];
    if (query.cursor) {
      const [startsAt, id] = decodeCursor(query.cursor, 2);
      where.push(`(starts_at, id) > ($${params.push(startsAt)}::timestamptz, $${params.push(id)}::uuid)`);
    }
    // starts_at comes from a JavaScript Date, so milliseconds carry it exactly in the cursor.
    const rows = await this.sessions.page(this.transactions.manager, where, params, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: await this.views(
        this.transactions.manager,
        page.map((r) => r.id),
        staff,
      ),
      nextCursor: rows.length > query.limit ? encodeCursor([last.starts_at.toISOString(), last.id]) : null,
    };
  }

  async get(principal: Principal, id: string): Promise<SessionView> {
    const session = await this.sessions.find(this.transactions.manager, id);
    if (!session) throw notFound();
    const found = await this.access.readableClass(principal, session.classId);
    const staff = await this.access.staffMayClass(principal, found, 'sessions.manage');
    return (await this.views(this.transactions.manager, [id], staff))[0];
  }

  /**
   * Bulk upsert by an instructor: all records or none (400 naming the record). Recording the same
   * list again changes nothing; each learner whose record changed gets a progress update.
   */
  async putAttendance(
    principal: Principal,
    sessionId: string,
    request: PutAttendanceRequest,
  ): Promise<SessionAttendanceView> {
    return this.transactions.run(async (em) => {
      const session = await this.sessionForStaff(em, principal, sessionId);
      const userIds = request.records.map((r) => r.userId);
      const enrollmentOf = await this.roster.activeOfUsers(em, session.classId, userIds);
      const points = await this.sessions.pointIdsOf(em, sessionId);
      const seen = new Set<string>();
      const problems = request.records.flatMap((record, i) => {
        const found: { field: string; message: string }[] = [];
        if (seen.has(record.userId)) found.push({ field: `records[${i}].userId`, message: 'bị lặp trong danh sách' });
        seen.add(record.userId);
        if (!enrollmentOf.has(record.userId)) {
          found.push({ field: `records[${i}].userId`, message: 'không phải học viên đang học của lớp' });
        }
        if (record.bridgePointId && !points.has(record.bridgePointId)) {
          found.push({ field: `records[${i}].bridgePointId`, message: 'không phải điểm cầu của buổi học' });
        }
        return found;
      });
      if (problems.length > 0) throw validationProblem(problems);
      const changed = await this.attendanceRecords.recordByInstructor(
        em,
        sessionId,
        request.records.map((r) => ({
          enrollmentId: enrollmentOf.get(r.userId)!,
          status: r.status,
          bridgePointId: r.bridgePointId ?? null,
        })),
        principal.userId,
      );
      await this.attendanceRecorded(em, session, changed);
      return this.sessionAttendance(em, sessionId);
    });
  }

  async attendance(principal: Principal, sessionId: string): Promise<SessionAttendanceView> {
    const em = this.transactions.manager;
    await this.sessionForStaff(em, principal, sessionId, false);
    return this.sessionAttendance(em, sessionId);
  }

  /**
   * A learner checks in with the code shown in the room, from CHECK_IN_OPENS_MINUTES_BEFORE before
   * the start to the end (409 outside, or with a wrong or expired code). Twice is one record, and an
   * instructor's record is never overwritten by a check-in.
   */
  async checkIn(principal: Principal, sessionId: string, code: string, bridgePointId?: string): Promise<CheckInResult> {
    return this.transactions.run(async (em) => {
      const row = await this.attendanceRecords.checkInTarget(em, sessionId, principal.userId, bridgePointId ?? null);
      if (!row || !row.enrollment_id) throw notFound();
      if (row.status !== 'active') throw checkInNotActive();
      const now = new Date();
      const opens = new Date(row.starts_at.getTime() - this.env.CHECK_IN_OPENS_MINUTES_BEFORE * 60_000);
      if (now < opens || now > row.ends_at) {
        throw checkInClosed(this.env.CHECK_IN_OPENS_MINUTES_BEFORE);
      }
      const verdict = verifyCheckInCode(row.check_in_secret, code, now, this.env.CHECK_IN_CODE_PERIOD_SECONDS);
      if (verdict === 'expired') throw checkInCodeExpired();
      if (verdict === 'wrong') throw checkInCodeInvalid();
      if (!row.point_ok) {
        throw validationProblem([{ field: 'bridgePointId', message: 'không phải điểm cầu của buổi học' }]);
      }
      const inserted = await this.attendanceRecords.recordCheckIn(
        em,
        sessionId,
        row.enrollment_id,
        bridgePointId ?? null,
        principal.userId,
      );
      if (inserted) {
        await this.attendanceRecorded(em, { id: sessionId, classId: row.class_id }, [row.enrollment_id]);
        return { sessionId, status: 'present', recordedAt: inserted.recorded_at };
      }
      const existing = await this.attendanceRecords.recordOf(em, sessionId, row.enrollment_id);
      return { sessionId, status: existing.status, recordedAt: existing.recorded_at };
    });
  }

  async setHeadcount(
    principal: Principal,
    sessionId: string,
    bridgePointId: string,
    count: number,
  ): Promise<BridgePointView> {
    return this.transactions.run(async (em) => {
      await this.sessionForStaff(em, principal, sessionId);
      const point = await this.sessions.findPoint(em, sessionId, bridgePointId);
      if (!point) throw notFound();
      return bridgePointView(await this.sessions.setHeadcount(em, bridgePointId, count));
    });
  }

  private async sessionForStaff(
    em: EntityManager,
    principal: Principal,
    sessionId: string,
    writing = true,
  ): Promise<ClassSession> {
    const session = await this.sessions.find(em, sessionId);
    if (!session) throw notFound();
    const found = await this.access.classForStaff(principal, session.classId, 'sessions.manage', { em });
    if (writing) this.assertNotClosed(found);
    return session;
  }

  private assertNotClosed(found: TrainingClass): void {
    if (found.status === 'closed') throw classClosed('record');
  }

  /** One event for the enrolments whose record changed; none when nothing did. */
  private async attendanceRecorded(
    em: EntityManager,
    session: { id: string; classId: string },
    enrollmentIds: string[],
  ): Promise<void> {
    if (enrollmentIds.length === 0) return;
    await this.outbox.publish(em, 'attendance.recorded', {
      sessionId: session.id,
      classId: session.classId,
      enrollmentIds: [...new Set(enrollmentIds)],
    });
  }

  /** For reports: attendance figures under the unit per child or month (see the repository); no access check. */
  attendanceFigures(
    em: EntityManager,
    query: { unitId: string; from?: string; to?: string; groupBy: AttendanceGroup },
  ): Promise<AttendanceFigures[]> {
    return this.attendanceRecords.figures(em, query);
  }

  /**
   * The enrolment's attendance at each session of the class begun by `at` (null: no record), for
   * enrolments' progress summary.
   */
  attendanceOf(
    em: EntityManager,
    classId: string,
    enrollmentId: string,
    at: Date,
  ): Promise<(AttendanceStatus | null)[]> {
    return this.attendanceRecords.heldBy(em, classId, enrollmentId, at);
  }

  private async sessionAttendance(em: EntityManager, sessionId: string): Promise<SessionAttendanceView> {
    const records = await this.attendanceRecords.ofSession(em, sessionId);
    const points = await this.sessions.pointsOf(em, sessionId);
    return {
      sessionId,
      records: records.map((r) => ({
        userId: r.user_id,
        enrollmentId: r.enrollment_id,
        fullName: r.full_name,
        status: r.status,
        bridgePointId: r.bridge_point_id,
        source: r.source,
        recordedAt: r.recorded_at,
      })),
      bridgePoints: points.map(bridgePointView),
      totalHeadcount: points.reduce((sum, p) => sum + (p.headcount ?? 0), 0),
    };
  }

  private async views(em: EntityManager, ids: string[], staff: boolean): Promise<SessionView[]> {
    if (ids.length === 0) return [];
    const sessions = await this.sessions.withSecrets(em, ids);
    const points = await this.sessions.pointsOfSessions(em, ids);
    const period = this.env.CHECK_IN_CODE_PERIOD_SECONDS;
    const now = new Date();
    return sessions.map((s) => ({
      id: s.id,
      classId: s.classId,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      lessonIds: s.lessonIds,
      location: s.location,
      bridgePoints: points.filter((p) => p.sessionId === s.id).map(bridgePointView),
      ...(staff
        ? {
            checkInCode: checkInCode(s.checkInSecret, periodOf(now, period)),
            checkInCodeRotatesAt: new Date((periodOf(now, period) + 1) * period * 1000),
          }
        : {}),
    }));
  }
}
