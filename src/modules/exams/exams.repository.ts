import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager } from 'typeorm';
import { Page, PageQuery, paginate } from '../../common/pagination';
import type { GradingScale } from '../curricula/course-settings';
import { Exam } from './entities/exam.entity';
import type { GradingPolicy } from './grading';

/** What grading needs of an exam: its class, kind, policy, pass mark and the course's grading scale. */
export interface ExamGrading {
  classId: string;
  kind: Exam['kind'];
  policy: GradingPolicy;
  passMark: number;
  scale: GradingScale;
}

/** The exams table. */
@Injectable()
export class ExamsRepository {
  findById(em: EntityManager, id: string): Promise<Exam | null> {
    return em.findOneBy(Exam, { id });
  }

  create(em: EntityManager, exam: DeepPartial<Exam>): Promise<Exam> {
    return em.save(Exam, exam);
  }

  hasFinal(em: EntityManager, classId: string): Promise<boolean> {
    return em.existsBy(Exam, { classId, kind: 'final' });
  }

  page(em: EntityManager, classId: string, query: PageQuery): Promise<Page<Exam>> {
    const qb = em.getRepository(Exam).createQueryBuilder('exam').where('exam.classId = :classId', { classId });
    return paginate(qb, query, [
      { column: 'exam.opensAt', property: 'opensAt' },
      { column: 'exam.id', property: 'id' },
    ]);
  }

  /** The course a class teaches. Reads classes' row: one column, no use case of theirs. */
  async courseIdOfClass(em: EntityManager, classId: string): Promise<string> {
    const [{ course_id }]: { course_id: string }[] = await em.query(`SELECT course_id FROM classes WHERE id = $1`, [
      classId,
    ]);
    return course_id;
  }

  /** How each exam is graded. Joins classes and courses for the scale: one query for a whole grading batch. */
  async gradingOf(em: EntityManager, examIds: string[]): Promise<Map<string, ExamGrading>> {
    const rows: {
      id: string;
      class_id: string;
      kind: Exam['kind'];
      grading_policy: GradingPolicy;
      pass_mark: number;
      grading_scale: GradingScale;
    }[] = await em.query(
      `SELECT e.id, e.class_id, e.kind, e.grading_policy, e.pass_mark::float8 AS pass_mark, co.grading_scale FROM exams e
         JOIN classes c ON c.id = e.class_id JOIN courses co ON co.id = c.course_id WHERE e.id = ANY($1)`,
      [examIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { classId: r.class_id, kind: r.kind, policy: r.grading_policy, passMark: r.pass_mark, scale: r.grading_scale },
      ]),
    );
  }
}
