import { EntityManager } from 'typeorm';
import { FileStorage } from '../../../storage/storage';
import { insertQuestions } from '../../question-bank/question-bank.service';
import { storeAttachment } from '../attachments/attachments.service';
import { Course, CourseStatus } from '../entities/course.entity';
import { Lesson } from '../entities/lesson.entity';
import { CoursePackage } from './course-package';

export interface PackageCourseTarget {
  programId: string;
  orgUnitId: string;
  /** Null for the system (the seed). */
  createdByUserId: string | null;
  /** An upload is a draft; the seed gives each reference version the status its programme lists. */
  status?: CourseStatus;
  previousVersionId?: string | null;
}

/**
 * Creates a course, its lessons, attachments and question bank from a package that
 * `readCoursePackage` accepted, inside the caller's transaction. `POST /courses/import` and the
 * seed both create courses through this one function, so a reference package is an upload.
 * A plain function: the seed runs before the Nest application exists. Returns the course id.
 */
export async function createCourseFromPackage(
  em: EntityManager,
  storage: FileStorage,
  pkg: CoursePackage,
  target: PackageCourseTarget,
): Promise<string> {
  const status = target.status ?? 'draft';
  const now = new Date();
  const course = await em.save(Course, {
    programId: target.programId,
    orgUnitId: target.orgUnitId,
    title: pkg.title,
    version: pkg.version,
    description: pkg.description,
    status,
    publishedAt: status === 'draft' ? null : now,
    archivedAt: status === 'archived' ? now : null,
    completionRule: pkg.completionRule,
    gradingScale: pkg.gradingScale,
    totalPeriods: pkg.lessons.reduce((sum, lesson) => sum + lesson.periods, 0),
    previousVersionId: target.previousVersionId ?? null,
    createdByUserId: target.createdByUserId,
  });
  const inserted = await em.insert(
    Lesson,
    pkg.lessons.map((lesson, i) => ({ ...lesson, courseId: course.id, position: i + 1 })),
  );
  const lessonIds = inserted.identifiers.map((identifier) => String(identifier.id));
  for (const attachment of pkg.attachments) {
    await storeAttachment(em, storage, {
      courseId: course.id,
      lessonId: lessonIds[attachment.lesson],
      path: attachment.path,
      type: attachment.type,
      content: attachment.content,
      createdByUserId: target.createdByUserId,
    });
  }
  await insertQuestions(em, course.id, pkg.questions, lessonIds);
  return course.id;
}
