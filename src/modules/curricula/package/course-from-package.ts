import { EntityManager } from 'typeorm';
import { FileStorage } from '../../../storage/storage';
import { insertQuestions } from '../../question-bank/question-bank.service';
import { AttachmentsRepository } from '../attachments.repository';
import { storeAttachment } from '../attachments/attachments.service';
import { CoursesRepository } from '../courses.repository';
import { CourseStatus } from '../entities/course.entity';
import { LessonsRepository } from '../lessons.repository';
import { CoursePackage } from './course-package';

// The repositories hold no state (every call takes the caller's EntityManager), so the seed needs no Nest.
const courses = new CoursesRepository();
const lessons = new LessonsRepository();
const attachments = new AttachmentsRepository();

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
  const course = await courses.insert(em, {
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
  const lessonIds = await lessons.insertMany(
    em,
    pkg.lessons.map((lesson, i) => ({ ...lesson, courseId: course.id, position: i + 1 })),
  );
  for (const attachment of pkg.attachments) {
    await storeAttachment(em, storage, attachments, {
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
