import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { paginate, Page } from '../../common/pagination';
import { ListQuestionsQuery } from './dto/question.dto';
import { Question } from './entities/question.entity';

const INSERT_CHUNK = 500;

/** A question row as stored, without its id and position. */
export type QuestionRow = Omit<Question, 'id' | 'position' | 'course' | 'lesson' | 'createdAt' | 'updatedAt'>;

/** What a draw rule matches in a course's bank: a tag, a lesson, or both. */
export interface QuestionFilter {
  tag?: string | null;
  lessonId?: string | null;
}

/** The questions table: a course's bank, in order. */
@Injectable()
export class QuestionsRepository {
  /** Inserts rows after the last position of the course's bank, in order; returns their ids. */
  async append(em: EntityManager, courseId: string, rows: Omit<QuestionRow, 'courseId'>[]): Promise<string[]> {
    const [{ next }]: { next: number }[] = await em.query(
      `SELECT COALESCE(MAX(position), 0) + 1 AS next FROM questions WHERE course_id = $1`,
      [courseId],
    );
    const positioned = rows.map((row, i) => ({ ...row, courseId, position: next + i }));
    const ids: string[] = [];
    for (let i = 0; i < positioned.length; i += INSERT_CHUNK) {
      const result = await em.insert(Question, positioned.slice(i, i + INSERT_CHUNK));
      ids.push(...result.identifiers.map((identifier) => String(identifier.id)));
    }
    return ids;
  }

  findById(em: EntityManager, id: string): Promise<Question | null> {
    return em.findOneBy(Question, { id });
  }

  findByIdOrFail(em: EntityManager, id: string): Promise<Question> {
    return em.findOneByOrFail(Question, { id });
  }

  /** Questions by id, in no particular order. */
  findByIds(em: EntityManager, ids: string[]): Promise<Question[]> {
    return em.find(Question, { where: { id: In(ids) } });
  }

  /** The whole bank in order. */
  ofCourse(em: EntityManager, courseId: string): Promise<Question[]> {
    return em.find(Question, { where: { courseId }, order: { position: 'ASC' } });
  }

  page(em: EntityManager, courseId: string, query: ListQuestionsQuery): Promise<Page<Question>> {
    const qb = em
      .getRepository(Question)
      .createQueryBuilder('question')
      .where('question.courseId = :courseId', { courseId });
    if (query.lessonId) qb.andWhere('question.lessonId = :lessonId', { lessonId: query.lessonId });
    if (query.type) qb.andWhere('question.type = :type', { type: query.type });
    if (query.tag) qb.andWhere(':tag = ANY(question.tags)', { tag: query.tag });
    return paginate(qb, query, [
      { column: 'question.position', property: 'position' },
      { column: 'question.id', property: 'id' },
    ]);
  }

  async update(em: EntityManager, id: string, fields: Partial<QuestionRow>): Promise<void> {
    await em.update(Question, id, fields);
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.delete(Question, { id });
  }

  /** Which of these ids are questions of the course. */
  async idsInCourse(em: EntityManager, courseId: string, ids: string[]): Promise<string[]> {
    const found: { id: string }[] = await em.query(
      `SELECT id FROM questions WHERE course_id = $1 AND id = ANY($2::uuid[])`,
      [courseId, ids],
    );
    return found.map((f) => f.id);
  }

  async countMatching(em: EntityManager, courseId: string, filter: QuestionFilter): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM questions WHERE course_id = $1
         AND ($2::text IS NULL OR $2 = ANY(tags)) AND ($3::uuid IS NULL OR lesson_id = $3)`,
      [courseId, filter.tag ?? null, filter.lessonId ?? null],
    );
    return n;
  }

  /** Up to `count` matching questions at random, none of `excluded`. */
  async drawMatching(
    em: EntityManager,
    courseId: string,
    filter: QuestionFilter,
    excluded: string[],
    count: number,
  ): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM questions WHERE course_id = $1 AND ($2::text IS NULL OR $2 = ANY(tags))
          AND ($3::uuid IS NULL OR lesson_id = $3) AND NOT (id = ANY($4::uuid[]))
        ORDER BY random() LIMIT $5`,
      [courseId, filter.tag ?? null, filter.lessonId ?? null, excluded, count],
    );
    return rows.map((r) => r.id);
  }

  /** The course's lesson ids in order. Reads curricula's lessons: curricula imports question-bank, not the reverse. */
  async lessonIdsOfCourse(em: EntityManager, courseId: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM lessons WHERE course_id = $1 ORDER BY position`, [
      courseId,
    ]);
    return rows.map((r) => r.id);
  }

  /** Whether the lesson belongs to the course. Reads curricula's lessons, as lessonIdsOfCourse does. */
  async isLessonOfCourse(em: EntityManager, courseId: string, lessonId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM lessons WHERE id = $1 AND course_id = $2`, [
      lessonId,
      courseId,
    ]);
    return rows.length > 0;
  }
}
