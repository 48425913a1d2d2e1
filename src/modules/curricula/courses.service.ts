import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page } from '../../common/pagination';
import { conflict, notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { AccessService } from '../access/access.service';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { QuestionBankService } from '../question-bank/question-bank.service';
import { resolveCompletionRule, resolveGradingScale } from './course-settings';
import {
  CourseView,
  CreateCourseRequest,
  ListCoursesQuery,
  NewVersionRequest,
  UpdateCourseRequest,
} from './dto/course.dto';
import { Attachment } from './entities/attachment.entity';
import { Course } from './entities/course.entity';
import { Lesson } from './entities/lesson.entity';
import { Program } from './entities/program.entity';
import { LessonsService } from './lessons.service';
import { ProgramsService } from './programs.service';

interface CourseRow {
  id: string;
  program_id: string;
  program_code: string;
  org_unit_id: string;
  title: string;
  version: string;
  description: string | null;
  status: Course['status'];
  completion_rule: Course['completionRule'];
  grading_scale: Course['gradingScale'];
  total_periods: number;
  lesson_count: number;
  question_count: number;
  previous_version_id: string | null;
  published_at: Date | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COURSE_COLUMNS = `
  c.id, c.program_id, p.code AS program_code, c.org_unit_id, c.title, c.version, c.description, c.status,
  c.completion_rule, c.grading_scale, c.total_periods, c.previous_version_id, c.published_at, c.archived_at,
  c.created_at, c.updated_at,
  (SELECT count(*)::int FROM lessons l WHERE l.course_id = c.id) AS lesson_count,
  (SELECT count(*)::int FROM questions q WHERE q.course_id = c.id) AS question_count`;

function courseView(row: CourseRow): CourseView {
  return {
    id: row.id,
    programId: row.program_id,
    programCode: row.program_code,
    orgUnitId: row.org_unit_id,
    title: row.title,
    version: row.version,
    description: row.description,
    status: row.status,
    completionRule: row.completion_rule,
    gradingScale: row.grading_scale,
    totalPeriods: row.total_periods,
    lessonCount: row.lesson_count,
    questionCount: row.question_count,
    previousVersionId: row.previous_version_id,
    publishedAt: row.published_at,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Courses: the versions of a programme's curriculum, from draft to published to archived. */
@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly programs: ProgramsService,
    private readonly lessons: LessonsService,
    private readonly questionBank: QuestionBankService,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, request: CreateCourseRequest): Promise<CourseView> {
    return this.dataSource.transaction(async (em) => {
      const program = await em.findOneBy(Program, { id: request.programId });
      if (!program) throw validationProblem([{ field: 'programId', message: 'không có chương trình này' }]);
      const orgUnitId = await this.programs.ownerUnit(em, principal, request.orgUnitId);
      const completionRule = resolveCompletionRule(request.completionRule);
      const gradingScale = resolveGradingScale(request.gradingScale);
      this.assertSettings(completionRule.problems, gradingScale.problems);
      await this.assertVersionFree(em, program.id, orgUnitId, request.version);
      const course = await em.save(Course, {
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
    const where: string[] = [this.access.courseListCondition(principal, params)];
    if (query.programId) where.push(`c.program_id = $${params.push(query.programId)}`);
    if (query.status) where.push(`c.status = $${params.push(query.status)}`);
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, 2);
      where.push(`(c.created_at, c.id) > ($${params.push(createdAt)}::timestamptz, $${params.push(id)}::uuid)`);
    }
    const rows: CourseRow[] = await this.dataSource.query(
      `SELECT ${COURSE_COLUMNS} FROM courses c JOIN programs p ON p.id = c.program_id
        WHERE ${where.join(' AND ')} ORDER BY c.created_at, c.id LIMIT $${params.push(query.limit + 1)}`,
      params,
    );
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit).map(courseView);
    const last = rows[query.limit - 1];
    return {
      items,
      nextCursor: more ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
    };
  }

  async get(principal: Principal, id: string): Promise<CourseView> {
    await this.access.readableCourse(principal, id);
    const view = await this.view(this.dataSource.manager, id);
    return { ...view, lessons: await this.lessons.ofCourse(this.dataSource.manager, id) };
  }

  async update(principal: Principal, id: string, request: UpdateCourseRequest): Promise<CourseView> {
    return this.dataSource.transaction(async (em) => {
      const course = await this.access.draftCourse(principal, id, { em, lock: true });
      const completionRule = resolveCompletionRule(request.completionRule, 'completionRule', course.completionRule);
      const gradingScale = resolveGradingScale(request.gradingScale, 'gradingScale', course.gradingScale);
      this.assertSettings(completionRule.problems, gradingScale.problems);
      const version = request.version?.trim() ?? course.version;
      if (version !== course.version) await this.assertVersionFree(em, course.programId, course.orgUnitId, version);
      await em.update(Course, id, {
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
    return this.dataSource.transaction(async (em) => {
      const course = await this.access.draftCourse(principal, id, { em, lock: true });
      if ((await em.countBy(Lesson, { courseId: id })) === 0) {
        throw conflict('course_has_no_lessons', 'Khóa học chưa có bài học nào: chưa thể ban hành.');
      }
      await em.update(Course, id, { status: 'published', publishedAt: new Date() });
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
    return this.dataSource.transaction(async (em) => {
      const course = await this.access.authoredCourse(principal, id, { em, lock: true });
      if (course.status === 'archived') throw conflict('course_archived', 'Khóa học đã được lưu trữ.');
      await em.update(Course, id, { status: 'archived', archivedAt: new Date() });
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
    return this.dataSource.transaction(async (em) => {
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
      const copy = await em.save(Course, {
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

  async view(em: EntityManager, id: string): Promise<CourseView> {
    const [row]: CourseRow[] = await em.query(
      `SELECT ${COURSE_COLUMNS} FROM courses c JOIN programs p ON p.id = c.program_id WHERE c.id = $1`,
      [id],
    );
    if (!row) throw notFound();
    return courseView(row);
  }

  async assertVersionFree(em: EntityManager, programId: string, orgUnitId: string, version: string): Promise<void> {
    const taken = await em.existsBy(Course, { programId, orgUnitId, version });
    if (taken) {
      throw conflict('course_version_exists', `Đơn vị đã có phiên bản "${version}" của chương trình này.`);
    }
  }

  private assertSettings(...problems: { path: string; message: string }[][]): void {
    const all = problems.flat();
    if (all.length > 0) throw validationProblem(all.map((p) => ({ field: p.path, message: p.message })));
  }

  private async nextFreeVersion(em: EntityManager, source: Course, orgUnitId: string): Promise<string> {
    const base = source.version.replace(/-r\d+$/, '');
    for (let n = 2; ; n++) {
      const candidate = `${base}-r${n}`;
      if (!(await em.existsBy(Course, { programId: source.programId, orgUnitId, version: candidate }))) {
        return candidate;
      }
    }
  }

  private async copyLessons(
    em: EntityManager,
    fromCourseId: string,
    toCourseId: string,
    userId: string | null,
  ): Promise<Map<string, string>> {
    const lessons = await em.find(Lesson, { where: { courseId: fromCourseId }, order: { position: 'ASC' } });
    const lessonMap = new Map<string, string>();
    for (const lesson of lessons) {
      const { id } = await em.save(Lesson, {
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
    const attachments = await em
      .getRepository(Attachment)
      .createQueryBuilder('a')
      .addSelect('a.storageKey')
      .where('a.courseId = :fromCourseId', { fromCourseId })
      .getMany();
    if (attachments.length > 0) {
      await em.insert(
        Attachment,
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
