import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page, PageQuery } from '../../common/pagination';
import { conflict, notFound, ProblemException } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { Environment } from '../../config/environment';
import { OutboxService } from '../../queue/outbox.service';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { checkInCode, newCheckInSecret, periodOf, verifyCheckInCode } from './check-in-code';
import { TrainingClass } from './entities/training-class.entity';
import {
  AttendanceView,
  BridgePointView,
  CheckInResult,
  PutAttendanceRequest,
  SessionAttendanceView,
  SessionView,
} from './dto/session.dto';
import { CreateSessionRequest } from './dto/class.dto';
import { BridgePoint } from './entities/bridge-point.entity';
import { ClassSession } from './entities/class-session.entity';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly env: Environment,
  ) {}

  async create(principal: Principal, classId: string, request: CreateSessionRequest): Promise<SessionView> {
    return this.dataSource.transaction(async (em) => {
      const found = await this.access.classForStaff(principal, classId, 'sessions.manage', { em, lock: true });
      this.assertNotClosed(found);
      const startsAt = new Date(request.startsAt);
      const endsAt = new Date(request.endsAt);
      if (endsAt <= startsAt) throw validationProblem([{ field: 'endsAt', message: 'phải sau giờ bắt đầu' }]);
      const lessonIds = [...new Set(request.lessonIds)];
      if (lessonIds.length > 0) {
        const known: { id: string }[] = await em.query(
          `SELECT id FROM lessons WHERE course_id = $1 AND id = ANY($2::uuid[])`,
          [found.courseId, lessonIds],
        );
        const missing = lessonIds.findIndex((id) => !known.some((k) => k.id === id));
        if (missing >= 0) {
          throw validationProblem([
            {
              field: `lessonIds[${request.lessonIds.indexOf(lessonIds[missing])}]`,
              message: 'không phải bài học của khóa học',
            },
          ]);
        }
      }
      const session = await em.save(ClassSession, {
        classId,
        startsAt,
        endsAt,
        lessonIds,
        location: request.location?.trim().normalize('NFC') || null,
        checkInSecret: newCheckInSecret(),
      });
      if (request.bridgePoints?.length) {
        await em.insert(
          BridgePoint,
          request.bridgePoints.map((p) => ({
            sessionId: session.id,
            name: p.name.trim().normalize('NFC'),
            orgUnitId: p.orgUnitId ?? null,
          })),
        );
      }
      return (await this.views(em, [session.id], true))[0];
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
    const rows: { id: string; starts_at: Date }[] = await this.dataSource.query(
      `SELECT id, starts_at FROM class_sessions WHERE ${where.join(' AND ')}
        ORDER BY starts_at, id LIMIT $${params.push(query.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: await this.views(
        this.dataSource.manager,
        page.map((r) => r.id),
        staff,
      ),
      nextCursor: rows.length > query.limit ? encodeCursor([last.starts_at.toISOString(), last.id]) : null,
    };
  }

  async get(principal: Principal, id: string): Promise<SessionView> {
    const session = await this.dataSource.getRepository(ClassSession).findOneBy({ id });
    if (!session) throw notFound();
    const found = await this.access.readableClass(principal, session.classId);
    const staff = await this.access.staffMayClass(principal, found, 'sessions.manage');
    return (await this.views(this.dataSource.manager, [id], staff))[0];
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
    return this.dataSource.transaction(async (em) => {
      const session = await this.sessionForStaff(em, principal, sessionId);
      const userIds = request.records.map((r) => r.userId);
      const enrolled: { id: string; user_id: string }[] = await em.query(
        `SELECT id, user_id FROM enrollments WHERE class_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'active'`,
        [session.classId, userIds],
      );
      const points: { id: string }[] = await em.query(`SELECT id FROM bridge_points WHERE session_id = $1`, [
        sessionId,
      ]);
      const enrollmentOf = new Map(enrolled.map((e) => [e.user_id, e.id]));
      const seen = new Set<string>();
      const problems = request.records.flatMap((record, i) => {
        const found: { field: string; message: string }[] = [];
        if (seen.has(record.userId)) found.push({ field: `records[${i}].userId`, message: 'bị lặp trong danh sách' });
        seen.add(record.userId);
        if (!enrollmentOf.has(record.userId)) {
          found.push({ field: `records[${i}].userId`, message: 'không phải học viên đang học của lớp' });
        }
        if (record.bridgePointId && !points.some((p) => p.id === record.bridgePointId)) {
          found.push({ field: `records[${i}].bridgePointId`, message: 'không phải điểm cầu của buổi học' });
        }
        return found;
      });
      if (problems.length > 0) throw validationProblem(problems);
      const changed: { enrollment_id: string }[] = await em.query(
        `INSERT INTO attendance_records (session_id, enrollment_id, status, bridge_point_id, source, recorded_by_user_id)
         SELECT $1, e, s, b, 'instructor', $5 FROM unnest($2::uuid[], $3::text[], $4::uuid[]) AS t(e, s, b)
         ON CONFLICT (session_id, enrollment_id) DO UPDATE
            SET status = EXCLUDED.status, bridge_point_id = EXCLUDED.bridge_point_id, source = 'instructor',
                recorded_by_user_id = EXCLUDED.recorded_by_user_id, recorded_at = now()
          WHERE attendance_records.status IS DISTINCT FROM EXCLUDED.status
             OR attendance_records.bridge_point_id IS DISTINCT FROM EXCLUDED.bridge_point_id
         RETURNING enrollment_id`,
        [
          sessionId,
          request.records.map((r) => enrollmentOf.get(r.userId)),
          request.records.map((r) => r.status),
          request.records.map((r) => r.bridgePointId ?? null),
          principal.userId,
        ],
      );
      await this.attendanceRecorded(
        em,
        session,
        changed.map((c) => c.enrollment_id),
      );
      return this.attendanceOf(em, sessionId);
    });
  }

  async attendance(principal: Principal, sessionId: string): Promise<SessionAttendanceView> {
    const em = this.dataSource.manager;
    await this.sessionForStaff(em, principal, sessionId, false);
    return this.attendanceOf(em, sessionId);
  }

  /**
   * A learner checks in with the code shown in the room, from CHECK_IN_OPENS_MINUTES_BEFORE before
   * the start to the end (409 outside, or with a wrong or expired code). Twice is one record, and an
   * instructor's record is never overwritten by a check-in.
   */
  async checkIn(principal: Principal, sessionId: string, code: string, bridgePointId?: string): Promise<CheckInResult> {
    return this.dataSource.transaction(async (em) => {
      const [row]: {
        class_id: string;
        starts_at: Date;
        ends_at: Date;
        check_in_secret: string;
        enrollment_id: string | null;
        status: string | null;
      }[] = await em.query(
        `SELECT s.class_id, s.starts_at, s.ends_at, s.check_in_secret, e.id AS enrollment_id, e.status
             FROM class_sessions s LEFT JOIN enrollments e ON e.class_id = s.class_id AND e.user_id = $2
            WHERE s.id = $1`,
        [sessionId, principal.userId],
      );
      if (!row || !row.enrollment_id) throw notFound();
      if (row.status !== 'active')
        throw conflict('enrollment_not_active', 'Bạn không còn là học viên đang học của lớp.');
      const now = new Date();
      const opens = new Date(row.starts_at.getTime() - this.env.CHECK_IN_OPENS_MINUTES_BEFORE * 60_000);
      if (now < opens || now > row.ends_at) {
        throw conflict(
          'check_in_closed',
          `Chỉ điểm danh được từ ${this.env.CHECK_IN_OPENS_MINUTES_BEFORE} phút trước giờ học đến khi buổi học kết thúc.`,
        );
      }
      const verdict = verifyCheckInCode(row.check_in_secret, code, now, this.env.CHECK_IN_CODE_PERIOD_SECONDS);
      if (verdict === 'expired')
        throw conflict('check_in_code_expired', 'Mã điểm danh đã hết hạn: hãy nhập mã đang hiển thị.');
      if (verdict === 'wrong') throw conflict('check_in_code_invalid', 'Mã điểm danh không đúng.');
      if (bridgePointId) {
        const points: unknown[] = await em.query(`SELECT 1 FROM bridge_points WHERE id = $1 AND session_id = $2`, [
          bridgePointId,
          sessionId,
        ]);
        if (points.length === 0) {
          throw validationProblem([{ field: 'bridgePointId', message: 'không phải điểm cầu của buổi học' }]);
        }
      }
      const inserted: { status: string; recorded_at: Date }[] = await em.query(
        `INSERT INTO attendance_records (session_id, enrollment_id, status, bridge_point_id, source, recorded_by_user_id)
         VALUES ($1, $2, 'present', $3, 'check_in', $4)
         ON CONFLICT (session_id, enrollment_id) DO NOTHING RETURNING status, recorded_at`,
        [sessionId, row.enrollment_id, bridgePointId ?? null, principal.userId],
      );
      if (inserted.length > 0) {
        await this.attendanceRecorded(em, { id: sessionId, classId: row.class_id }, [row.enrollment_id]);
        return { sessionId, status: 'present', recordedAt: inserted[0].recorded_at };
      }
      const [existing]: { status: CheckInResult['status']; recorded_at: Date }[] = await em.query(
        `SELECT status, recorded_at FROM attendance_records WHERE session_id = $1 AND enrollment_id = $2`,
        [sessionId, row.enrollment_id],
      );
      return { sessionId, status: existing.status, recordedAt: existing.recorded_at };
    });
  }

  async setHeadcount(
    principal: Principal,
    sessionId: string,
    bridgePointId: string,
    count: number,
  ): Promise<BridgePointView> {
    return this.dataSource.transaction(async (em) => {
      await this.sessionForStaff(em, principal, sessionId);
      const point = await em.findOneBy(BridgePoint, { id: bridgePointId, sessionId });
      if (!point) throw notFound();
      await em.update(BridgePoint, bridgePointId, { headcount: count, headcountUpdatedAt: new Date() });
      return bridgePointView(await em.findOneByOrFail(BridgePoint, { id: bridgePointId }));
    });
  }

  private async sessionForStaff(
    em: EntityManager,
    principal: Principal,
    sessionId: string,
    writing = true,
  ): Promise<ClassSession> {
    const session = await em.findOneBy(ClassSession, { id: sessionId });
    if (!session) throw notFound();
    const found = await this.access.classForStaff(principal, session.classId, 'sessions.manage', { em });
    if (writing) this.assertNotClosed(found);
    return session;
  }

  private assertNotClosed(found: TrainingClass): void {
    if (found.status === 'closed') {
      throw new ProblemException(HttpStatus.CONFLICT, {
        code: 'class_closed',
        detail: 'Lớp đã kết thúc: không ghi nhận thêm được.',
      });
    }
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

  private async attendanceOf(em: EntityManager, sessionId: string): Promise<SessionAttendanceView> {
    const records: {
      user_id: string;
      enrollment_id: string;
      full_name: string;
      status: AttendanceView['status'];
      bridge_point_id: string | null;
      source: AttendanceView['source'];
      recorded_at: Date;
    }[] = await em.query(
      `SELECT e.user_id, a.enrollment_id, u.full_name, a.status, a.bridge_point_id, a.source, a.recorded_at
           FROM attendance_records a JOIN enrollments e ON e.id = a.enrollment_id JOIN users u ON u.id = e.user_id
          WHERE a.session_id = $1 ORDER BY u.full_name, u.id`,
      [sessionId],
    );
    const points = await em.find(BridgePoint, { where: { sessionId }, order: { name: 'ASC' } });
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
    const sessions = await em
      .getRepository(ClassSession)
      .createQueryBuilder('s')
      .addSelect('s.checkInSecret')
      .where('s.id = ANY(:ids)', { ids })
      .orderBy('s.startsAt')
      .addOrderBy('s.id')
      .getMany();
    const points = await em
      .getRepository(BridgePoint)
      .createQueryBuilder('p')
      .where('p.sessionId = ANY(:ids)', { ids })
      .orderBy('p.name')
      .getMany();
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
