import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page, PageQuery } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { Transactions } from '../../database/transactions';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { QuestionBankService } from '../question-bank/question-bank.service';
import { AttemptsRepository } from './attempts.repository';
import { CreateExamRequest, ExamView } from './dto/exam.dto';
import type { Exam } from './entities/exam.entity';
import { classClosed, finalExamExists } from './exams.errors';
import { ExamsRepository } from './exams.repository';
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
    private readonly transactions: Transactions,
    private readonly exams: ExamsRepository,
    private readonly attempts: AttemptsRepository,
    private readonly access: AccessService,
    private readonly grading: GradingService,
    private readonly questionBank: QuestionBankService,
  ) {}

  async create(principal: Principal, classId: string, request: CreateExamRequest): Promise<ExamView> {
    return this.transactions.run(async (em) => {
      const found = await this.access.classForStaff(principal, classId, 'exams.manage', { em, lock: true });
      if (found.status === 'closed') throw classClosed();
      const opensAt = new Date(request.opensAt);
      const closesAt = new Date(request.closesAt);
      if (closesAt <= opensAt) throw validationProblem([{ field: 'closesAt', message: 'phải sau giờ mở' }]);
      if (!!request.questionIds === !!request.draw) {
        throw validationProblem([{ field: 'questionIds', message: 'hãy cho đúng một trong questionIds hoặc draw' }]);
      }
      if (request.questionIds) await this.assertQuestions(em, found.courseId, request.questionIds);
      if (request.draw) await this.assertDraw(em, found.courseId, request.draw);
      if (request.kind === 'final' && (await this.exams.hasFinal(em, classId))) throw finalExamExists();
      const exam = await this.exams.create(em, {
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
    const page = await this.exams.page(this.transactions.manager, classId, query);
    return { items: page.items.map(examView), nextCursor: page.nextCursor };
  }

  /** The exam, or null; no access check (the caller made its own, or tells the learner about it). */
  find(em: EntityManager, id: string): Promise<Exam | null> {
    return this.exams.findById(em, id);
  }

  async get(principal: Principal, id: string): Promise<ExamView> {
    const exam = await this.exams.findById(this.transactions.manager, id);
    if (!exam) throw notFound();
    await this.access.readableClass(principal, exam.classId);
    return examView(exam);
  }

  /** Rescores every graded attempt from the current keys; each changed score is audited. */
  async regrade(principal: Principal, id: string): Promise<{ attempts: number; changed: number }> {
    return this.transactions.run(async (em) => {
      const exam = await this.exams.findById(em, id);
      if (!exam) throw notFound();
      await this.access.classForStaff(principal, exam.classId, 'exams.manage', { em });
      const attempts = await this.attempts.gradedIdsOfExam(em, id);
      const changed = await this.grading.regrade(em, attempts, principal.userId);
      return { attempts: attempts.length, changed };
    });
  }

  private async assertQuestions(em: EntityManager, courseId: string, ids: string[]): Promise<void> {
    const found = await this.questionBank.idsInCourse(em, courseId, ids);
    const missing = ids.findIndex((id) => !found.includes(id));
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
      const n = await this.questionBank.countMatching(em, courseId, rule);
      if (n < rule.count) {
        throw validationProblem([{ field: `draw[${i}].count`, message: `ngân hàng chỉ có ${n} câu hỏi phù hợp` }]);
      }
    }
  }
}
