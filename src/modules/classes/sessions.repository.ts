import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager } from 'typeorm';
import { BridgePoint } from './entities/bridge-point.entity';
import { ClassSession } from './entities/class-session.entity';

/** A session as the calendar shows it, with its class and the titles of its lessons. */
export interface CalendarSessionRow {
  id: string;
  starts_at: Date;
  ends_at: Date;
  location: string | null;
  class_code: string;
  class_title: string;
  lesson_titles: string[] | null;
  created_at: Date;
  timezone: string;
}

// The lesson titles are a read join of curricula's `lessons`, one query for the whole feed.
const CALENDAR_ROWS = `
  SELECT s.id, s.starts_at, s.ends_at, s.location, s.created_at, c.code AS class_code, c.title AS class_title, c.timezone,
         (SELECT array_agg(l.title ORDER BY l.position) FROM lessons l WHERE l.id = ANY(s.lesson_ids)) AS lesson_titles
    FROM class_sessions s JOIN classes c ON c.id = s.class_id`;

/** The session aggregate: `class_sessions` and their `bridge_points`. */
@Injectable()
export class SessionsRepository {
  find(em: EntityManager, id: string): Promise<ClassSession | null> {
    return em.findOneBy(ClassSession, { id });
  }

  /** Which of these lessons belong to the course (a read of curricula's `lessons`). */
  async lessonIdsOfCourse(em: EntityManager, courseId: string, lessonIds: string[]): Promise<Set<string>> {
    const known: { id: string }[] = await em.query(
      `SELECT id FROM lessons WHERE course_id = $1 AND id = ANY($2::uuid[])`,
      [courseId, lessonIds],
    );
    return new Set(known.map((k) => k.id));
  }

  create(em: EntityManager, fields: DeepPartial<ClassSession>): Promise<ClassSession> {
    return em.save(ClassSession, fields);
  }

  /** The session locked for a change of time or place. */
  findForUpdate(em: EntityManager, id: string): Promise<ClassSession | null> {
    return em.findOne(ClassSession, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(
    em: EntityManager,
    id: string,
    fields: Pick<ClassSession, 'startsAt' | 'endsAt' | 'location'>,
  ): Promise<void> {
    await em.update(ClassSession, id, fields);
  }

  async addBridgePoints(
    em: EntityManager,
    sessionId: string,
    points: { name: string; orgUnitId: string | null }[],
  ): Promise<void> {
    await em.insert(
      BridgePoint,
      points.map((p) => ({ sessionId, ...p })),
    );
  }

  /** One page of a class's session ids by start; `where` holds the keyset condition with its values in `params`. */
  page(
    em: EntityManager,
    where: string[],
    params: unknown[],
    limit: number,
  ): Promise<{ id: string; starts_at: Date }[]> {
    return em.query(
      `SELECT id, starts_at FROM class_sessions WHERE ${where.join(' AND ')}
        ORDER BY starts_at, id LIMIT $${params.push(limit)}`,
      params,
    );
  }

  /** The sessions with their check-in secrets, by start. */
  withSecrets(em: EntityManager, ids: string[]): Promise<ClassSession[]> {
    return em
      .getRepository(ClassSession)
      .createQueryBuilder('s')
      .addSelect('s.checkInSecret')
      .where('s.id = ANY(:ids)', { ids })
      .orderBy('s.startsAt')
      .addOrderBy('s.id')
      .getMany();
  }

  pointsOfSessions(em: EntityManager, sessionIds: string[]): Promise<BridgePoint[]> {
    return em
      .getRepository(BridgePoint)
      .createQueryBuilder('p')
      .where('p.sessionId = ANY(:ids)', { ids: sessionIds })
      .orderBy('p.name')
      .getMany();
  }

  pointsOf(em: EntityManager, sessionId: string): Promise<BridgePoint[]> {
    return em.find(BridgePoint, { where: { sessionId }, order: { name: 'ASC' } });
  }

  async pointIdsOf(em: EntityManager, sessionId: string): Promise<Set<string>> {
    const points: { id: string }[] = await em.query(`SELECT id FROM bridge_points WHERE session_id = $1`, [sessionId]);
    return new Set(points.map((p) => p.id));
  }

  findPoint(em: EntityManager, sessionId: string, bridgePointId: string): Promise<BridgePoint | null> {
    return em.findOneBy(BridgePoint, { id: bridgePointId, sessionId });
  }

  /** Stores the headcount and returns the point as it is now. */
  async setHeadcount(em: EntityManager, bridgePointId: string, headcount: number): Promise<BridgePoint> {
    await em.update(BridgePoint, bridgePointId, { headcount, headcountUpdatedAt: new Date() });
    return em.findOneByOrFail(BridgePoint, { id: bridgePointId });
  }

  calendarOfClass(em: EntityManager, classId: string): Promise<CalendarSessionRow[]> {
    return em.query(`${CALENDAR_ROWS} WHERE s.class_id = $1 ORDER BY s.starts_at`, [classId]);
  }

  calendarOfClasses(em: EntityManager, classIds: string[]): Promise<CalendarSessionRow[]> {
    return em.query(`${CALENDAR_ROWS} WHERE s.class_id = ANY($1::uuid[]) ORDER BY s.starts_at`, [classIds]);
  }
}
