import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Page } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { Transactions } from '../../database/transactions';
import { OutboxService } from '../../queue/outbox.service';
import { AccessService } from '../access/access.service';
import type { Person, Principal } from '../auth/auth.decorators';
import type { Question } from '../question-bank/question-bank.service';
import { QuestionBankService } from '../question-bank/question-bank.service';
import { AttemptsRepository } from './attempts.repository';
import { AttemptView, GradeRequest, ListAttemptsQuery, SaveAnswersRequest } from './dto/exam.dto';
import type { AttemptAnswer } from './entities/attempt-answer.entity';
import { AttemptQuestion, AttemptStatus, ExamAttempt } from './entities/exam-attempt.entity';
import type { Exam } from './entities/exam.entity';
import { ATTEMPT_DEADLINE } from './exam-events';
import {
  attemptClosed,
  attemptNotGradable,
  attemptsExhausted,
  enrollmentNotActive,
  examClosed,
  examNotOpen,
} from './exams.errors';
import { ExamsRepository } from './exams.repository';
import { AnswerValue } from './grading';
import { GradingService } from './grading.service';

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const isAnswerValue = (value: unknown): value is AnswerValue =>
  value === null ||
  (typeof value === 'string' && value.length <= 20_000) ||
  (Array.isArray(value) && value.length <= 26 && value.every((v) => typeof v === 'string' && v.length <= 20));

/**
 * Attempts: the server fixes the questions and the deadline at the start; answers autosave until
 * the deadline (last write wins); submitting is idempotent and grading runs as a job.
 */
@Injectable()
export class AttemptsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly attempts: AttemptsRepository,
    private readonly exams: ExamsRepository,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly grading: GradingService,
    private readonly questionBank: QuestionBankService,
  ) {}

  /** 201 with the attempt; an attempt still in progress is returned again rather than a second one. */
  async start(person: Person, examId: string): Promise<AttemptView> {
    return this.transactions.run(async (em) => {
      const exam = await this.exams.findById(em, examId);
      if (!exam) throw notFound();
      const enrollment = await this.attempts.lockEnrollment(em, exam.classId, person.userId);
      if (!enrollment) throw notFound();
      if (enrollment.status !== 'active') throw enrollmentNotActive();
      const now = new Date();
      if (now < exam.opensAt) throw examNotOpen(exam);
      if (now >= exam.closesAt) throw examClosed();
      const previous = await this.attempts.ofEnrollment(em, examId, enrollment.id);
      const open = previous.find((a) => a.status === 'in_progress' && a.deadline > now);
      if (open) return this.view(em, open);
      if (previous.length >= exam.maxAttempts) {
        throw attemptsExhausted(exam);
      }
      const questions = await this.draw(em, exam);
      const deadline = new Date(Math.min(now.getTime() + exam.timeLimitMinutes * 60_000, exam.closesAt.getTime()));
      const attempt = await this.attempts.create(em, {
        examId,
        enrollmentId: enrollment.id,
        userId: person.userId,
        number: previous.length + 1,
        status: 'in_progress' as AttemptStatus,
        questions: questions.map((q) => ({
          questionId: q.id,
          optionKeys: q.options
            ? (exam.shuffle && q.type !== 'true_false' ? shuffled(q.options) : q.options).map((o) => o.key)
            : null,
        })),
        startedAt: now,
        deadline,
        maxScore: questions.reduce((sum, q) => sum + q.points, 0),
      });
      await this.attempts.addEmptyAnswers(
        em,
        attempt.id,
        questions.map((q) => q.id),
      );
      await this.outbox.publish(
        em,
        ATTEMPT_DEADLINE,
        { attemptId: attempt.id },
        {
          dedupeKey: `attempt.deadline:${attempt.id}`,
          availableAt: deadline,
        },
      );
      // The questions were just drawn and the answers are empty: nothing to read back.
      return this.viewOf(attempt, questions, []);
    });
  }

  /** Autosave: last write wins; 409 once the attempt is submitted or past its deadline. */
  async save(person: Person, id: string, request: SaveAnswersRequest): Promise<AttemptView> {
    return this.transactions.run(async (em) => {
      const attempt = await this.attempts.findForUpdate(em, id);
      if (!attempt || attempt.userId !== person.userId) throw notFound();
      if (attempt.status !== 'in_progress' || new Date() > attempt.deadline) {
        throw attemptClosed();
      }
      const problems = request.answers.flatMap((answer, i) => {
        if (!attempt.questions.some((q) => q.questionId === answer.questionId)) {
          return [{ field: `answers[${i}].questionId`, message: 'không thuộc lượt làm bài này' }];
        }
        return isAnswerValue(answer.value)
          ? []
          : [{ field: `answers[${i}].value`, message: 'phải là chuỗi, danh sách chuỗi hoặc null' }];
      });
      if (problems.length > 0) throw validationProblem(problems);
      const savedAt = new Date();
      await this.attempts.saveAnswers(em, id, request.answers, savedAt);
      return this.view(em, attempt);
    });
  }

  /** 202: the attempt is submitted (once, however often this is called) and graded by a job. */
  async submit(person: Person, id: string): Promise<AttemptView> {
    return this.transactions.run(async (em) => {
      const attempt = await this.attempts.findForUpdate(em, id);
      if (!attempt || attempt.userId !== person.userId) throw notFound();
      if (attempt.status === 'in_progress') {
        const now = new Date();
        // The locked attempt comes back level with its row: nothing to read again.
        await this.grading.submit(em, attempt, 'learner', now > attempt.deadline ? attempt.deadline : now);
      }
      return this.view(em, attempt);
    });
  }

  async get(principal: Principal, id: string): Promise<AttemptView> {
    const em = this.transactions.manager;
    const attempt = await this.attempts.findById(em, id);
    if (!attempt) throw notFound();
    if (attempt.userId !== principal.userId) await this.staffExam(em, principal, attempt.examId);
    return this.view(em, attempt);
  }

  async list(principal: Principal, examId: string, query: ListAttemptsQuery): Promise<Page<AttemptView>> {
    const em = this.transactions.manager;
    await this.staffExam(em, principal, examId);
    const page = await this.attempts.page(em, examId, query);
    return { items: await Promise.all(page.items.map((a) => this.view(em, a))), nextCursor: page.nextCursor };
  }

  /** An instructor grades an essay; the attempt completes when its last essay is graded. */
  async gradeManually(principal: Principal, id: string, request: GradeRequest): Promise<AttemptView> {
    return this.transactions.run(async (em) => {
      const attempt = await this.attempts.findForUpdate(em, id);
      if (!attempt) throw notFound();
      await this.staffExam(em, principal, attempt.examId);
      if (attempt.status !== 'needs_manual_grading' && attempt.status !== 'graded') {
        throw attemptNotGradable(attempt.status);
      }
      const question = attempt.questions.some((q) => q.questionId === request.questionId)
        ? ((await this.questionBank.byIds(em, [request.questionId]))[0] ?? null)
        : null;
      if (!question) throw validationProblem([{ field: 'questionId', message: 'không thuộc lượt làm bài này' }]);
      if (question.type !== 'essay') {
        throw validationProblem([
          { field: 'questionId', message: 'chỉ câu tự luận được chấm tay; câu khác được chấm tự động' },
        ]);
      }
      if (request.points > question.points) {
        throw validationProblem([{ field: 'points', message: `không được lớn hơn ${question.points}` }]);
      }
      await this.attempts.gradeAnswer(em, id, request.questionId, {
        points: request.points,
        comment: request.comment ?? null,
        gradedByUserId: principal.userId,
        gradedAt: new Date(),
      });
      await this.grading.grade(em, [attempt], { manual: true });
      return this.view(em, await this.attempts.findByIdOrFail(em, id));
    });
  }

  private async staffExam(em: EntityManager, principal: Principal, examId: string): Promise<Exam> {
    const exam = await this.exams.findById(em, examId);
    if (!exam) throw notFound();
    await this.access.classForStaff(principal, exam.classId, 'exams.manage', { em });
    return exam;
  }

  /** Fixed questions, or for each draw rule its count at random among matching questions not drawn yet. */
  private async draw(em: EntityManager, exam: Exam): Promise<Question[]> {
    let ids: string[];
    if (exam.questionIds) {
      ids = exam.questionIds;
    } else {
      ids = [];
      const courseId = await this.exams.courseIdOfClass(em, exam.classId);
      for (const rule of exam.draw ?? []) {
        ids.push(...(await this.questionBank.drawMatching(em, courseId, rule, ids, rule.count)));
      }
    }
    const questions = await this.questionBank.byIds(em, ids);
    const ordered = ids.map((id) => questions.find((q) => q.id === id)).filter((q): q is Question => !!q);
    return exam.shuffle ? shuffled(ordered) : ordered;
  }

  /** The attempt as a learner may see it: prompts and options in the attempt's order, never a key. */
  private async view(em: EntityManager, attempt: ExamAttempt): Promise<AttemptView> {
    const ids = attempt.questions.map((q: AttemptQuestion) => q.questionId);
    return this.viewOf(attempt, await this.questionBank.byIds(em, ids), await this.attempts.answersOf(em, attempt.id));
  }

  private viewOf(
    attempt: ExamAttempt,
    questions: Question[],
    answers: Pick<AttemptAnswer, 'questionId' | 'value' | 'points' | 'comment'>[],
  ): AttemptView {
    const ids = attempt.questions.map((q: AttemptQuestion) => q.questionId);
    return {
      id: attempt.id,
      examId: attempt.examId,
      userId: attempt.userId,
      number: attempt.number,
      status: attempt.status,
      startedAt: attempt.startedAt,
      deadline: attempt.deadline,
      submittedAt: attempt.submittedAt,
      score: attempt.score,
      maxScore: attempt.maxScore,
      score10: attempt.score10,
      classification: attempt.classification,
      passed: attempt.passed,
      questions: attempt.questions.flatMap(({ questionId, optionKeys }) => {
        const q = questions.find((x) => x.id === questionId);
        if (!q) return [];
        const options = optionKeys
          ? optionKeys.map((key) => ({ key, text: q.options?.find((o) => o.key === key)?.text ?? '' }))
          : null;
        return [{ id: q.id, type: q.type, prompt: q.prompt, options, points: q.points }];
      }),
      answers: ids.map((questionId) => {
        const a = answers.find((x) => x.questionId === questionId);
        return { questionId, value: a?.value ?? null, points: a?.points ?? null, comment: a?.comment ?? null };
      }),
    };
  }
}
