import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Page, PageQuery, paginate } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { AttachmentView, CreateLessonRequest, LessonView, UpdateLessonRequest } from './dto/lesson.dto';
import { Attachment } from './entities/attachment.entity';
import { Lesson } from './entities/lesson.entity';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async create(principal: Principal, courseId: string, request: CreateLessonRequest): Promise<LessonView> {
    return this.dataSource.transaction(async (em) => {
      await this.access.draftCourse(principal, courseId, { em, lock: true });
      const count = await em.countBy(Lesson, { courseId });
      const position = Math.min(request.position ?? count + 1, count + 1);
      await em.query(`UPDATE lessons SET position = position + 1 WHERE course_id = $1 AND position >= $2`, [
        courseId,
        position,
      ]);
      const lesson = await em.save(Lesson, {
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
    const qb = this.dataSource
      .getRepository(Lesson)
      .createQueryBuilder('lesson')
      .where('lesson.courseId = :courseId', { courseId });
    const page = await paginate(qb, query, [
      { column: 'lesson.position', property: 'position' },
      { column: 'lesson.id', property: 'id' },
    ]);
    return { items: await this.views(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  async get(principal: Principal, id: string): Promise<LessonView> {
    const lesson = await this.dataSource.getRepository(Lesson).findOneBy({ id });
    if (!lesson) throw notFound();
    await this.access.readableCourse(principal, lesson.courseId);
    return (await this.views(this.dataSource.manager, [lesson]))[0];
  }

  async update(principal: Principal, id: string, request: UpdateLessonRequest): Promise<LessonView> {
    return this.dataSource.transaction(async (em) => {
      const lesson = await this.lockLesson(em, principal, id);
      if (request.position !== undefined && request.position !== lesson.position) {
        await this.move(em, lesson, request.position);
      }
      await em.update(Lesson, id, {
        title: request.title?.trim().normalize('NFC') ?? lesson.title,
        periods: request.periods ?? lesson.periods,
        content: request.content?.normalize('NFC') ?? lesson.content,
        objectives: request.objectives?.map((o) => o.trim().normalize('NFC')) ?? lesson.objectives,
        mandatory: request.mandatory ?? lesson.mandatory,
      });
      await this.refreshTotalPeriods(em, lesson.courseId);
      return (await this.views(em, [await em.findOneByOrFail(Lesson, { id })]))[0];
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const lesson = await this.lockLesson(em, principal, id);
      await em.delete(Lesson, { id });
      await em.query(`UPDATE lessons SET position = position - 1 WHERE course_id = $1 AND position > $2`, [
        lesson.courseId,
        lesson.position,
      ]);
      await this.refreshTotalPeriods(em, lesson.courseId);
    });
  }

  /** The lessons in order, with their attachments. */
  async ofCourse(em: EntityManager, courseId: string): Promise<LessonView[]> {
    return this.views(em, await em.find(Lesson, { where: { courseId }, order: { position: 'ASC' } }));
  }

  /** Keeps the course's derived total in step; call after any change of its lessons. */
  async refreshTotalPeriods(em: EntityManager, courseId: string): Promise<void> {
    await em.query(
      `UPDATE courses SET total_periods = (SELECT COALESCE(SUM(periods), 0) FROM lessons WHERE course_id = $1),
              updated_at = now()
        WHERE id = $1`,
      [courseId],
    );
  }

  private async lockLesson(em: EntityManager, principal: Principal, id: string): Promise<Lesson> {
    const found = await em.findOneBy(Lesson, { id });
    if (!found) throw notFound();
    await this.access.draftCourse(principal, found.courseId, { em, lock: true });
    // Read again under the course lock: a concurrent reorder may have moved it.
    const lesson = await em.findOneBy(Lesson, { id });
    if (!lesson) throw notFound();
    return lesson;
  }

  private async move(em: EntityManager, lesson: Lesson, requested: number): Promise<void> {
    const count = await em.countBy(Lesson, { courseId: lesson.courseId });
    const target = Math.min(Math.max(requested, 1), count);
    if (target < lesson.position) {
      await em.query(
        `UPDATE lessons SET position = position + 1 WHERE course_id = $1 AND position >= $2 AND position < $3`,
        [lesson.courseId, target, lesson.position],
      );
    } else if (target > lesson.position) {
      await em.query(
        `UPDATE lessons SET position = position - 1 WHERE course_id = $1 AND position > $2 AND position <= $3`,
        [lesson.courseId, lesson.position, target],
      );
    }
    await em.update(Lesson, lesson.id, { position: target });
  }

  private async views(em: EntityManager, lessons: Lesson[]): Promise<LessonView[]> {
    const attachments = lessons.length
      ? await em.find(Attachment, { where: { lessonId: In(lessons.map((l) => l.id)) }, order: { path: 'ASC' } })
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
