import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager } from 'typeorm';
import { Page, PageQuery, paginate } from '../../common/pagination';
import { Lesson } from './entities/lesson.entity';

/**
 * The lessons table. Methods take the use case's EntityManager; the class has no dependencies, so
 * the seed constructs it with `new`.
 */
@Injectable()
export class LessonsRepository {
  findById(em: EntityManager, id: string): Promise<Lesson | null> {
    return em.findOneBy(Lesson, { id });
  }

  findByIdOrFail(em: EntityManager, id: string): Promise<Lesson> {
    return em.findOneByOrFail(Lesson, { id });
  }

  ofCourse(em: EntityManager, courseId: string): Promise<Lesson[]> {
    return em.find(Lesson, { where: { courseId }, order: { position: 'ASC' } });
  }

  page(em: EntityManager, courseId: string, query: PageQuery): Promise<Page<Lesson>> {
    const qb = em.getRepository(Lesson).createQueryBuilder('lesson').where('lesson.courseId = :courseId', { courseId });
    return paginate(qb, query, [
      { column: 'lesson.position', property: 'position' },
      { column: 'lesson.id', property: 'id' },
    ]);
  }

  countOfCourse(em: EntityManager, courseId: string): Promise<number> {
    return em.countBy(Lesson, { courseId });
  }

  insert(em: EntityManager, lesson: DeepPartial<Lesson>): Promise<Lesson> {
    return em.save(Lesson, lesson);
  }

  /** Inserts in one statement; returns the new ids in the order given. */
  async insertMany(em: EntityManager, lessons: DeepPartial<Lesson>[]): Promise<string[]> {
    const inserted = await em.insert(Lesson, lessons);
    return inserted.identifiers.map((identifier) => String(identifier.id));
  }

  async update(em: EntityManager, id: string, changes: DeepPartial<Lesson>): Promise<void> {
    await em.update(Lesson, id, changes);
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.delete(Lesson, { id });
  }

  /** Moves the lessons from `position` on one place down, to free `position`. */
  async makeRoomAt(em: EntityManager, courseId: string, position: number): Promise<void> {
    await em.query(`UPDATE lessons SET position = position + 1 WHERE course_id = $1 AND position >= $2`, [
      courseId,
      position,
    ]);
  }

  /** Moves the lessons after a removed `position` one place up. */
  async closeGapAt(em: EntityManager, courseId: string, position: number): Promise<void> {
    await em.query(`UPDATE lessons SET position = position - 1 WHERE course_id = $1 AND position > $2`, [
      courseId,
      position,
    ]);
  }

  /** Moves the lessons in [from, to) one place down (a lesson moves up to `from`). */
  async shiftDown(em: EntityManager, courseId: string, from: number, to: number): Promise<void> {
    await em.query(
      `UPDATE lessons SET position = position + 1 WHERE course_id = $1 AND position >= $2 AND position < $3`,
      [courseId, from, to],
    );
  }

  /** Moves the lessons in (from, to] one place up (a lesson moves down to `to`). */
  async shiftUp(em: EntityManager, courseId: string, from: number, to: number): Promise<void> {
    await em.query(
      `UPDATE lessons SET position = position - 1 WHERE course_id = $1 AND position > $2 AND position <= $3`,
      [courseId, from, to],
    );
  }
}
