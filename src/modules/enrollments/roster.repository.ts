import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The reads of `enrollments` that classes need: seats taken, who is enrolled where. */
@Injectable()
export class RosterRepository {
  async activeCount(em: EntityManager, classId: string): Promise<number> {
    const rows: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM enrollments WHERE class_id = $1 AND status = 'active'`,
      [classId],
    );
    return rows[0].n;
  }

  activeCountsByClass(em: EntityManager, classIds: string[]): Promise<{ class_id: string; n: number }[]> {
    return em.query(
      `SELECT class_id, count(*)::int AS n FROM enrollments WHERE class_id = ANY($1) AND status = 'active' GROUP BY class_id`,
      [classIds],
    );
  }

  activeOfUsers(em: EntityManager, classId: string, userIds: string[]): Promise<{ id: string; user_id: string }[]> {
    return em.query(
      `SELECT id, user_id FROM enrollments WHERE class_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'active'`,
      [classId, userIds],
    );
  }

  classIdsOfLearner(em: EntityManager, userId: string, statuses: readonly string[]): Promise<{ class_id: string }[]> {
    return em.query(`SELECT class_id FROM enrollments WHERE user_id = $1 AND status = ANY($2::text[])`, [
      userId,
      statuses,
    ]);
  }
}
