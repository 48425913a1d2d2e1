import { EntityManager } from 'typeorm';
import { DEFAULT_COMPLETION_RULE, DEFAULT_GRADING_SCALE } from '../modules/curricula/course-settings';
import { Course } from '../modules/curricula/entities/course.entity';
import { Lesson } from '../modules/curricula/entities/lesson.entity';
import { Program } from '../modules/curricula/entities/program.entity';
import { Question } from '../modules/question-bank/entities/question.entity';
import { questionRow } from '../modules/question-bank/question-bank.service';
import { normalizeQuestion } from '../modules/question-bank/question.rules';
import { REFERENCE_PROGRAMS } from './reference-curricula';

/**
 * The reference programmes, each with its published course, owned by the academy. Idempotent: a
 * programme or course that exists (by code, by version) is left as the academy's staff keep it.
 */
export async function seedReferenceCurricula(em: EntityManager, academyId: string): Promise<number> {
  let created = 0;
  for (const reference of REFERENCE_PROGRAMS) {
    let program = await em
      .getRepository(Program)
      .createQueryBuilder('p')
      .where('lower(p.code) = lower(:code)', { code: reference.code })
      .getOne();
    if (!program) {
      program = await em.save(Program, {
        code: reference.code,
        name: reference.name,
        kind: reference.kind,
        description: reference.description,
        orgUnitId: academyId,
      });
      created++;
    }
    const { course: source } = reference;
    const exists = await em.existsBy(Course, { programId: program.id, orgUnitId: academyId, version: source.version });
    if (exists) continue;
    const course = await em.save(Course, {
      programId: program.id,
      orgUnitId: academyId,
      title: source.title,
      version: source.version,
      description: source.description,
      status: 'published',
      publishedAt: new Date(),
      completionRule: DEFAULT_COMPLETION_RULE,
      gradingScale: DEFAULT_GRADING_SCALE,
      totalPeriods: source.lessons.reduce((sum, lesson) => sum + lesson.periods, 0),
    });
    const lessons = await em.insert(
      Lesson,
      source.lessons.map((lesson, i) => ({ ...lesson, courseId: course.id, position: i + 1 })),
    );
    const lessonIds = lessons.identifiers.map((identifier) => String(identifier.id));
    if (source.questions.length > 0) {
      await em.insert(
        Question,
        source.questions.map((question, i) =>
          questionRow(
            course.id,
            i + 1,
            normalizeQuestion(question),
            question.lesson !== undefined ? lessonIds[question.lesson] : null,
          ),
        ),
      );
    }
    created++;
  }
  return created;
}
