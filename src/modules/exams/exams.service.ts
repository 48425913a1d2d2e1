import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, PageQuery, paginate } from '../../common/pagination';
import { conflict, notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { CreateExamRequest, ExamView } from './dto/exam.dto';
import { Exam } from './entities/exam.entity';
import { GradingService } from './grading.service';

const examView = (e: Exam): ExamView => ({
  id: e.id,
  classId: e.classId,
  title: e.title,
  kind: e.kind,
  opensAt: e.opensAt,
  closesAt: e.closesAt,
  timeLimitMinutes: e.timeLimitMinutes,
  maxAttempts: e.maxAttempts,
  passMark: e.passMark,
  questionIds: e.questionIds,
  draw: e.draw,
  shuffle: e.shuffle,
  gradingPolicy: e.gradingPolicy,
  createdAt: e.createdAt,
});

/** Exams of a class: fixed questions or a draw from the course's bank. */
@Injectable()
export class ExamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly grading: GradingService,
  ) {}

  async create(principal: Principal, classId: string, request: CreateExamRequest): Promise<ExamView> {
    return this.dataSource.transaction(async (em) => {
      const found = await this.access.classForStaff(principal, classId, 'exams.manage', { em, lock: true });
      if (found.status === 'closed') throw conflict('class_closed', 'Lớp đã kết thúc.');
      const opensAt = new Date(request.opensAt);
      const closesAt = new Date(request.closesAt);
      if (closesAt <= opensAt) throw validationProblem([{ field: 'closesAt', message: 'phải sau giờ mở' }]);
      if (!!request.questionIds === !!request.draw) {
        throw validationProblem([{ field: 'questionIds', message: 'hãy cho đúng một trong questionIds hoặc draw' }]);
      }
      if (request.questionIds) await this.assertQuestions(em, found.courseId, request.questionIds);
      if (request.draw) await this.assertDraw(em, found.courseId, request.draw);
      if (request.kind === 'final' && (await em.existsBy(Exam, { classId, kind: 'final' }))) {
        throw conflict('final_exam_exists', 'Lớp đã có bài kiểm tra cuối khóa.');
      }
      const exam = await em.save(Exam, {
        classId,
        title: request.title.trim().normalize('NFC'),
        kind: request.kind,
        opensAt,
        closesAt,
        timeLimitMinutes: request.timeLimitMinutes,
        maxAttempts: request.maxAttempts,
        passMark: request.passMark,
        questionIds: request.questionIds ? [...new Set(request.questionIds)] : null,
        draw: request.draw ?? null,
        shuffle: request.shuffle,
        gradingPolicy: request.gradingPolicy,
        createdByUserId: principal.userId,
      });
      return examView(exam);
    });
  }

  async list(principal: Principal, classId: string, query: PageQuery): Promise<Page<ExamView>> {
    await this.access.readableClass(principal, classId);
    const qb = this.dataSource
      .getRepository(Exam)
      .createQueryBuilder('exam')
      .where('exam.classId = :classId', { classId });
    const page = await paginate(qb, query, [
      { column: 'exam.opensAt', property: 'opensAt' },
      { column: 'exam.id', property: 'id' },
    ]);
    return { items: page.items.map(examView), nextCursor: page.nextCursor };
  }

  async get(principal: Principal, id: string): Promise<ExamView> {
    const exam = await this.dataSource.getRepository(Exam).findOneBy({ id });
    if (!exam) throw notFound();
    await this.access.readableClass(principal, exam.classId);
    return examView(exam);
  }

  /** Rescores every graded attempt from the current keys; each changed score is audited. */
  async regrade(principal: Principal, id: string): Promise<{ attempts: number; changed: number }> {
    return this.dataSource.transaction(async (em) => {
      const exam = await em.findOneBy(Exam, { id });
      if (!exam) throw notFound();
      await this.access.classForStaff(principal, exam.classId, 'exams.manage', { em });
      const attempts: { id: string }[] = await em.query(
        `SELECT id FROM exam_attempts WHERE exam_id = $1 AND status IN ('graded', 'needs_manual_grading')`,
        [id],
      );
      const changed = await this.grading.regrade(
        em,
        attempts.map((a) => a.id),
        principal.userId,
      );
      return { attempts: attempts.length, changed };
    });
  }

  private async assertQuestions(em: EntityManager, courseId: string, ids: string[]): Promise<void> {
    const found: { id: string }[] = await em.query(
      `SELECT id FROM questions WHERE course_id = $1 AND id = ANY($2::uuid[])`,
      [courseId, ids],
    );
    const missing = ids.findIndex((id) => !found.some((f) => f.id === id));
    if (missing >= 0) {
      throw validationProblem([
        { field: `questionIds[${missing}]`, message: 'không có trong ngân hàng câu hỏi của khóa học' },
      ]);
    }
  }

  private async assertDraw(
    em: EntityManager,
    courseId: string,
    draw: CreateExamRequest['draw'] & object,
  ): Promise<void> {
    for (const [i, rule] of draw.entries()) {
      const [{ n }]: { n: number }[] = await em.query(
        `SELECT count(*)::int AS n FROM questions WHERE course_id = $1
           AND ($2::text IS NULL OR $2 = ANY(tags)) AND ($3::uuid IS NULL OR lesson_id = $3)`,
        [courseId, rule.tag ?? null, rule.lessonId ?? null],
      );
      if (n < rule.count) {
        throw validationProblem([{ field: `draw[${i}].count`, message: `ngân hàng chỉ có ${n} câu hỏi phù hợp` }]);
      }
    }
  }
}
