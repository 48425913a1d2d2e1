import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager } from 'typeorm';
import { ClassInstructor } from './entities/class-instructor.entity';
import { TrainingClass } from './entities/training-class.entity';

/** The class aggregate: `classes` and their `class_instructors`. */
@Injectable()
export class ClassesRepository {
  find(em: EntityManager, id: string): Promise<TrainingClass | null> {
    return em.findOneBy(TrainingClass, { id });
  }

  /** The class row locked for the transaction: every seat change holds it. */
  lock(em: EntityManager, id: string): Promise<TrainingClass> {
    return em.findOneOrFail(TrainingClass, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByIds(em: EntityManager, ids: string[]): Promise<TrainingClass[]> {
    return em.getRepository(TrainingClass).createQueryBuilder('c').where('c.id = ANY(:ids)', { ids }).getMany();
  }

  /** Class ids after `after` in id order, `limit` of them: a walk over every class. */
  async idsAfter(em: EntityManager, after: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM classes WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  codeTaken(em: EntityManager, orgUnitId: string, code: string): Promise<boolean> {
    return em.existsBy(TrainingClass, { orgUnitId, code });
  }

  create(em: EntityManager, fields: DeepPartial<TrainingClass>): Promise<TrainingClass> {
    return em.save(TrainingClass, fields);
  }

  async update(em: EntityManager, id: string, fields: DeepPartial<TrainingClass>): Promise<void> {
    await em.update(TrainingClass, id, fields);
  }

  /**
   * One page of class ids by start date; `where` holds the caller's conditions on `c` (access scope
   * and filters) with their values in `params`.
   */
  page(
    em: EntityManager,
    where: string[],
    params: unknown[],
    limit: number,
  ): Promise<{ id: string; starts_on: string }[]> {
    return em.query(
      `SELECT c.id, c.starts_on::text AS starts_on FROM classes c WHERE ${where.join(' AND ')}
        ORDER BY c.starts_on, c.id LIMIT $${params.push(limit)}`,
      params,
    );
  }

  /** Whether the user holds the instructor role (a read of users' `role_assignments`: no exported reader yet). */
  async isInstructor(em: EntityManager, userId: string): Promise<boolean> {
    const held: unknown[] = await em.query(
      `SELECT 1 FROM role_assignments WHERE user_id = $1 AND role = 'instructor' LIMIT 1`,
      [userId],
    );
    return held.length > 0;
  }

  instructorAssigned(em: EntityManager, classId: string, userId: string): Promise<boolean> {
    return em.existsBy(ClassInstructor, { classId, userId });
  }

  async addInstructor(em: EntityManager, classId: string, userId: string): Promise<void> {
    await em.insert(ClassInstructor, { classId, userId });
  }

  /** Whether there was such an assignment to remove. */
  async removeInstructor(em: EntityManager, classId: string, userId: string): Promise<boolean> {
    const { affected } = await em.delete(ClassInstructor, { classId, userId });
    return !!affected;
  }

  instructorsOf(em: EntityManager, classIds: string[]): Promise<{ class_id: string; user_id: string }[]> {
    return em.query(`SELECT class_id, user_id FROM class_instructors WHERE class_id = ANY($1) ORDER BY created_at`, [
      classIds,
    ]);
  }
}
