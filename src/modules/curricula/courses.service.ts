import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { Transactions } from '../../database/transactions';
import { AccessService } from '../access/access.service';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { QuestionBankService } from '../question-bank/question-bank.service';
import { AttachmentsRepository } from './attachments.repository';
import { resolveCompletionRule, resolveGradingScale } from './course-settings';
import { CoursesRepository } from './courses.repository';
import { courseArchived, courseHasNoLessons, courseVersionExists } from './curricula.errors';
import {
  CourseView,
  CreateCourseRequest,
  ListCoursesQuery,
  NewVersionRequest,
  UpdateCourseRequest,
} from './dto/course.dto';
import { Course } from './entities/course.entity';
import { LessonsRepository } from './lessons.repository';
import { LessonsService } from './lessons.service';
import { ProgramsRepository } from './programs.repository';
import { ProgramsService } from './programs.service';

/** Courses: the versions of a programme's curriculum, from draft to published to archived. */
@Injectable()
export class CoursesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly courseRows: CoursesRepository,
    private readonly programRows: ProgramsRepository,
    private readonly lessonRows: LessonsRepository,
    private readonly attachmentRows: AttachmentsRepository,
    private readonly access: AccessService,
    private readonly programs: ProgramsService,
    private readonly lessons: LessonsService,
    private readonly questionBank: QuestionBankService,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, request: CreateCourseRequest): Promise<CourseView> {
    return this.transactions.run(async (em) => {
      const program = await this.programRows.findById(em, request.programId);
      if (!program) throw validationProblem([{ field: 'programId', message: 'không có chương trình này' }]);
      const orgUnitId = await this.programs.ownerUnit(em, principal, request.orgUnitId);
      const completionRule = resolveCompletionRule(request.completionRule);
      const gradingScale = resolveGradingScale(request.gradingScale);
      this.assertSettings(completionRule.problems, gradingScale.problems);
      await this.assertVersionFree(em, program.id, orgUnitId, request.version);
      const course = await this.courseRows.insert(em, {
        programId: program.id,
        orgUnitId,
        title: request.title.trim().normalize('NFC'),
        version: request.version.trim(),
        description: request.description?.trim().normalize('NFC') || null,
        completionRule: completionRule.value,
        gradingScale: gradingScale.value,
        createdByUserId: principal.userId,
      });
      return this.view(em, course.id);
    });
  }

  async list(principal: Principal, query: ListCoursesQuery): Promise<Page<CourseView>> {
    const params: unknown[] = [];
    const accessCondition = this.access.courseListCondition(principal, params);
    const views = await this.courseRows.viewsPage(
      this.transactions.manager,
      accessCondition,
      params,
      {
        programId: query.programId,
        status: query.status,
        after: query.cursor ? decodeCursor(query.cursor, 2) : undefined,
      },
      query.limit,
    );
    const more = views.length > query.limit;
    const items = views.slice(0, query.limit);
    const last = views[query.limit - 1];
    return {
      items,
      nextCursor: more ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  async get(principal: Principal, id: string): Promise<CourseView> {
    await this.access.readableCourse(principal, id);
    const view = await this.view(this.transactions.manager, id);
    return { ...view, lessons: await this.lessons.ofCourse(this.transactions.manager, id) };
  }

  async update(principal: Principal, id: string, request: UpdateCourseRequest): Promise<CourseView> {
    return this.transactions.run(async (em) => {
      const course = await this.access.draftCourse(principal, id, { em, lock: true });
      const completionRule = resolveCompletionRule(request.completionRule, 'completionRule', course.completionRule);
      const gradingScale = resolveGradingScale(request.gradingScale, 'gradingScale', course.gradingScale);
      this.assertSettings(completionRule.problems, gradingScale.problems);
      const version = request.version?.trim() ?? course.version;
      if (version !== course.version) await this.assertVersionFree(em, course.programId, course.orgUnitId, version);
      await this.courseRows.update(em, id, {
        title: request.title?.trim().normalize('NFC') ?? course.title,
        version,
        description:
          request.description !== undefined ? request.description.trim().normalize('NFC') || null : course.description,
        completionRule: completionRule.value,
        gradingScale: gradingScale.value,
      });
      return this.view(em, id);
    });
  }

  /** A draft with at least one lesson becomes the version classes may run; it no longer changes. */
  async publish(principal: Principal, id: string): Promise<CourseView> {
    return this.transactions.run(async (em) => {
      const course = await this.access.draftCourse(principal, id, { em, lock: true });
      if ((await this.lessonRows.countOfCourse(em, id)) === 0) throw courseHasNoLessons();
      await this.courseRows.update(em, id, { status: 'published', publishedAt: new Date() });
      await this.audit.record(em, {
        action: 'course.published',
        ...actorOf(principal),
        targetType: 'course',
        targetId: id,
        orgUnitId: course.orgUnitId,
      });
      return this.view(em, id);
    });
  }

  /** Retires a version: no new classes run it; classes already running it are unaffected. */
  async archive(principal: Principal, id: string): Promise<CourseView> {
    return this.transactions.run(async (em) => {
      const course = await this.access.authoredCourse(principal, id, { em, lock: true });
      if (course.status === 'archived') throw courseArchived();
      await this.courseRows.update(em, id, { status: 'archived', archivedAt: new Date() });
      await this.audit.record(em, {
        action: 'course.archived',
        ...actorOf(principal),
        targetType: 'course',
        targetId: id,
        orgUnitId: course.orgUnitId,
      });
      return this.view(em, id);
    });
  }

  /**
   * A new draft copied from a course the caller can read, with its lessons, attachments (sharing the
   * stored bytes) and questions; owned by the caller's unit, so a locality can adapt a national version.
   */
  async newVersion(principal: Principal, id: string, request: NewVersionRequest): Promise<CourseView> {
    return this.transactions.run(async (em) => {
      const source = await this.access.readableCourse(principal, id, { em });
      const orgUnitId = await this.programs.ownerUnit(
        em,
        principal,
        (await this.access.coversUnit(principal, 'curricula.write', source.orgUnitId, { em }))
          ? source.orgUnitId
          : undefined,
      );
      const version = request.version?.trim() ?? (await this.nextFreeVersion(em, source, orgUnitId));
      await this.assertVersionFree(em, source.programId, orgUnitId, version);
      const copy = await this.courseRows.insert(em, {
        programId: source.programId,
        orgUnitId,
        title: source.title,
        version,
        description: source.description,
        completionRule: source.completionRule,
        gradingScale: source.gradingScale,
        totalPeriods: source.totalPeriods,
        previousVersionId: source.id,
        createdByUserId: principal.userId,
      });
      const lessonMap = await this.copyLessons(em, source.id, copy.id, principal.userId);
      await this.questionBank.copy(em, source.id, copy.id, lessonMap);
      return this.view(em, copy.id);
    });
  }

  /** The programme of each course (missing ids are left out); no access check. */
  async programsOf(em: EntityManager, courseIds: string[]): Promise<Map<string, string>> {
    const rows = await this.courseRows.programsOf(em, courseIds);
    return new Map(rows.map((r) => [r.id, r.program_id]));
  }

  async view(em: EntityManager, id: string): Promise<CourseView> {
    const view = await this.courseRows.view(em, id);
    if (!view) throw notFound();
    return view;
  }

  async assertVersionFree(em: EntityManager, programId: string, orgUnitId: string, version: string): Promise<void> {
    if (await this.courseRows.versionTaken(em, programId, orgUnitId, version)) throw courseVersionExists(version);
  }

  private assertSettings(...problems: { path: string; message: string }[][]): void {
    const all = problems.flat();
    if (all.length > 0) throw validationProblem(all.map((p) => ({ field: p.path, message: p.message })));
  }

  private async nextFreeVersion(em: EntityManager, source: Course, orgUnitId: string): Promise<string> {
    const base = source.version.replace(/-r\d+$/, '');
    for (let n = 2; ; n++) {
      const candidate = `${base}-r${n}`;
      if (!(await this.courseRows.versionTaken(em, source.programId, orgUnitId, candidate))) return candidate;
    }
  }

  private async copyLessons(
    em: EntityManager,
    fromCourseId: string,
    toCourseId: string,
    userId: string | null,
  ): Promise<Map<string, string>> {
    const lessons = await this.lessonRows.ofCourse(em, fromCourseId);
    const lessonMap = new Map<string, string>();
    for (const lesson of lessons) {
      const { id } = await this.lessonRows.insert(em, {
        courseId: toCourseId,
        position: lesson.position,
        title: lesson.title,
        periods: lesson.periods,
        content: lesson.content,
        objectives: lesson.objectives,
        mandatory: lesson.mandatory,
      });
      lessonMap.set(lesson.id, id);
    }
    const attachments = await this.attachmentRows.ofCourseWithStorageKeys(em, fromCourseId);
    if (attachments.length > 0) {
      await this.attachmentRows.insertMany(
        em,
        attachments.map((a) => ({
          courseId: toCourseId,
          lessonId: lessonMap.get(a.lessonId)!,
          path: a.path,
          type: a.type,
          contentType: a.contentType,
          sizeBytes: a.sizeBytes,
          sha256: a.sha256,
          storageKey: a.storageKey,
          createdByUserId: userId,
        })),
      );
    }
    return lessonMap;
  }
}
