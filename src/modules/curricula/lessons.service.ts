import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page, PageQuery } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { Transactions } from '../../database/transactions';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { AttachmentsRepository } from './attachments.repository';
import { CoursesRepository } from './courses.repository';
import { AttachmentView, CreateLessonRequest, LessonView, UpdateLessonRequest } from './dto/lesson.dto';
import { Attachment } from './entities/attachment.entity';
import { Lesson } from './entities/lesson.entity';
import { LessonsRepository } from './lessons.repository';

export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}`;

export function attachmentView(attachment: Attachment): AttachmentView {
  const { id, lessonId, path, type, contentType, sizeBytes, sha256, createdAt } = attachment;
  return { id, lessonId, path, type, contentType, sizeBytes, sha256, url: attachmentUrl(id), createdAt };
}

/**
 * Lessons of a course in order. Every change locks the course row first, so concurrent edits of
 * one course run one after another and positions stay 1..n without gaps or repeats.
 */
@Injectable()
export class LessonsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly lessonRows: LessonsRepository,
    private readonly courseRows: CoursesRepository,
    private readonly attachmentRows: AttachmentsRepository,
    private readonly access: AccessService,
  ) {}

  async create(principal: Principal, courseId: string, request: CreateLessonRequest): Promise<LessonView> {
    return this.transactions.run(async (em) => {
      await this.access.draftCourse(principal, courseId, { em, lock: true });
      const count = await this.lessonRows.countOfCourse(em, courseId);
      const position = Math.min(request.position ?? count + 1, count + 1);
      await this.lessonRows.makeRoomAt(em, courseId, position);
      const lesson = await this.lessonRows.insert(em, {
        courseId,
        position,
        title: request.title.trim().normalize('NFC'),
        periods: request.periods,
        content: request.content.normalize('NFC'),
        objectives: (request.objectives ?? []).map((o) => o.trim().normalize('NFC')),
        mandatory: request.mandatory ?? true,
      });
      await this.refreshTotalPeriods(em, courseId);
      return (await this.views(em, [lesson]))[0];
    });
  }

  async list(principal: Principal, courseId: string, query: PageQuery): Promise<Page<LessonView>> {
    await this.access.readableCourse(principal, courseId);
    const page = await this.lessonRows.page(this.transactions.manager, courseId, query);
    return { items: await this.views(this.transactions.manager, page.items), nextCursor: page.nextCursor };
  }

  async get(principal: Principal, id: string): Promise<LessonView> {
    const lesson = await this.lessonRows.findById(this.transactions.manager, id);
    if (!lesson) throw notFound();
    await this.access.readableCourse(principal, lesson.courseId);
    return (await this.views(this.transactions.manager, [lesson]))[0];
  }

  async update(principal: Principal, id: string, request: UpdateLessonRequest): Promise<LessonView> {
    return this.transactions.run(async (em) => {
      const lesson = await this.lockLesson(em, principal, id);
      if (request.position !== undefined && request.position !== lesson.position) {
        await this.move(em, lesson, request.position);
      }
      await this.lessonRows.update(em, id, {
        title: request.title?.trim().normalize('NFC') ?? lesson.title,
        periods: request.periods ?? lesson.periods,
        content: request.content?.normalize('NFC') ?? lesson.content,
        objectives: request.objectives?.map((o) => o.trim().normalize('NFC')) ?? lesson.objectives,
        mandatory: request.mandatory ?? lesson.mandatory,
      });
      await this.refreshTotalPeriods(em, lesson.courseId);
      return (await this.views(em, [await this.lessonRows.findByIdOrFail(em, id)]))[0];
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.transactions.run(async (em) => {
      const lesson = await this.lockLesson(em, principal, id);
      await this.lessonRows.delete(em, id);
      await this.lessonRows.closeGapAt(em, lesson.courseId, lesson.position);
      await this.refreshTotalPeriods(em, lesson.courseId);
    });
  }

  /** The lessons in order, with their attachments. */
  async ofCourse(em: EntityManager, courseId: string): Promise<LessonView[]> {
    return this.views(em, await this.lessonRows.ofCourse(em, courseId));
  }

  /** Keeps the course's derived total in step; call after any change of its lessons. */
  async refreshTotalPeriods(em: EntityManager, courseId: string): Promise<void> {
    await this.courseRows.refreshTotalPeriods(em, courseId);
  }

  private async lockLesson(em: EntityManager, principal: Principal, id: string): Promise<Lesson> {
    const found = await this.lessonRows.findById(em, id);
    if (!found) throw notFound();
    await this.access.draftCourse(principal, found.courseId, { em, lock: true });
    // Read again under the course lock: a concurrent reorder may have moved it.
    const lesson = await this.lessonRows.findById(em, id);
    if (!lesson) throw notFound();
    return lesson;
  }

  private async move(em: EntityManager, lesson: Lesson, requested: number): Promise<void> {
    const count = await this.lessonRows.countOfCourse(em, lesson.courseId);
    const target = Math.min(Math.max(requested, 1), count);
    if (target < lesson.position) {
      await this.lessonRows.shiftDown(em, lesson.courseId, target, lesson.position);
    } else if (target > lesson.position) {
      await this.lessonRows.shiftUp(em, lesson.courseId, lesson.position, target);
    }
    await this.lessonRows.update(em, lesson.id, { position: target });
  }

  private async views(em: EntityManager, lessons: Lesson[]): Promise<LessonView[]> {
    const attachments = lessons.length
      ? await this.attachmentRows.ofLessons(
          em,
          lessons.map((l) => l.id),
        )
      : [];
    return lessons.map((lesson) => ({
      id: lesson.id,
      courseId: lesson.courseId,
      position: lesson.position,
      title: lesson.title,
      periods: lesson.periods,
      content: lesson.content,
      objectives: lesson.objectives,
      mandatory: lesson.mandatory,
      attachments: attachments.filter((a) => a.lessonId === lesson.id).map(attachmentView),
    }));
  }
}
