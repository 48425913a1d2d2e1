import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Page, paginate } from '../../common/pagination';
import { conflict, notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { OutboxService } from '../../queue/outbox.service';
import { AccessService } from '../access/access.service';
import type { Person, Principal } from '../auth/auth.decorators';
import { Enrollment } from '../enrollments/entities/enrollment.entity';
import { Question } from '../question-bank/entities/question.entity';
import { AttemptView, GradeRequest, ListAttemptsQuery, SaveAnswersRequest } from './dto/exam.dto';
import { AttemptAnswer } from './entities/attempt-answer.entity';
import { AttemptQuestion, AttemptStatus, ExamAttempt } from './entities/exam-attempt.entity';
import { Exam } from './entities/exam.entity';
import { ATTEMPT_DEADLINE } from './exam-events';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly grading: GradingService,
  ) {}

  /** 201 with the attempt; an attempt still in progress is returned again rather than a second one. */
  async start(person: Person, examId: string): Promise<AttemptView> {
    return this.dataSource.transaction(async (em) => {
      const exam = await em.findOneBy(Exam, { id: examId });
      if (!exam) throw notFound();
      const enrollment = await em.findOne(Enrollment, {
        where: { classId: exam.classId, userId: person.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!enrollment) throw notFound();
      if (enrollment.status !== 'active')
        throw conflict('enrollment_not_active', 'Bạn không còn là học viên đang học của lớp.');
      const now = new Date();
      if (now < exam.opensAt) throw conflict('exam_not_open', `Bài kiểm tra mở lúc ${exam.opensAt.toISOString()}.`);
      if (now >= exam.closesAt) throw conflict('exam_closed', 'Bài kiểm tra đã đóng.');
      const previous = await em.find(ExamAttempt, {
        where: { examId, enrollmentId: enrollment.id },
        order: { number: 'ASC' },
      });
      const open = previous.find((a) => a.status === 'in_progress' && a.deadline > now);
      if (open) return this.view(em, open);
      if (previous.length >= exam.maxAttempts) {
        throw conflict('attempts_exhausted', `Đã dùng hết ${exam.maxAttempts} lượt làm bài.`);
      }
      const questions = await this.draw(em, exam);
      const deadline = new Date(Math.min(now.getTime() + exam.timeLimitMinutes * 60_000, exam.closesAt.getTime()));
      const attempt = await em.save(ExamAttempt, {
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
      await em.insert(
        AttemptAnswer,
        questions.map((q) => ({ attemptId: attempt.id, questionId: q.id, value: null })),
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
      return this.view(em, attempt);
    });
  }

  /** Autosave: last write wins; 409 once the attempt is submitted or past its deadline. */
  async save(person: Person, id: string, request: SaveAnswersRequest): Promise<AttemptView> {
    return this.dataSource.transaction(async (em) => {
      const attempt = await em.findOne(ExamAttempt, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!attempt || attempt.userId !== person.userId) throw notFound();
      if (attempt.status !== 'in_progress' || new Date() > attempt.deadline) {
        throw conflict('attempt_closed', 'Đã hết giờ làm bài hoặc bài đã nộp: không lưu được câu trả lời.');
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
      await em.query(
        `UPDATE attempt_answers a SET value = t.v, saved_at = $4
           FROM unnest($2::uuid[], $3::jsonb[]) AS t(q, v)
          WHERE a.attempt_id = $1 AND a.question_id = t.q`,
        [id, request.answers.map((a) => a.questionId), request.answers.map((a) => JSON.stringify(a.value)), savedAt],
      );
      return this.view(em, attempt);
    });
  }

  /** 202: the attempt is submitted (once, however often this is called) and graded by a job. */
  async submit(person: Person, id: string): Promise<AttemptView> {
    return this.dataSource.transaction(async (em) => {
      const attempt = await em.findOne(ExamAttempt, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!attempt || attempt.userId !== person.userId) throw notFound();
      if (attempt.status === 'in_progress') {
        const now = new Date();
        await this.grading.submit(em, attempt, 'learner', now > attempt.deadline ? attempt.deadline : now);
      }
      return this.view(em, await em.findOneByOrFail(ExamAttempt, { id }));
    });
  }

  async get(principal: Principal, id: string): Promise<AttemptView> {
    const em = this.dataSource.manager;
    const attempt = await em.findOneBy(ExamAttempt, { id });
    if (!attempt) throw notFound();
    if (attempt.userId !== principal.userId) await this.staffExam(em, principal, attempt.examId);
    return this.view(em, attempt);
  }

  async list(principal: Principal, examId: string, query: ListAttemptsQuery): Promise<Page<AttemptView>> {
    const em = this.dataSource.manager;
    await this.staffExam(em, principal, examId);
    const qb = em
      .getRepository(ExamAttempt)
      .createQueryBuilder('attempt')
      .where('attempt.examId = :examId', { examId });
    if (query.status) qb.andWhere('attempt.status = :status', { status: query.status });
    const page = await paginate(qb, query, [
      { column: 'attempt.startedAt', property: 'startedAt' },
      { column: 'attempt.id', property: 'id' },
    ]);
    return { items: await Promise.all(page.items.map((a) => this.view(em, a))), nextCursor: page.nextCursor };
  }

  /** An instructor grades an essay; the attempt completes when its last essay is graded. */
  async gradeManually(principal: Principal, id: string, request: GradeRequest): Promise<AttemptView> {
    return this.dataSource.transaction(async (em) => {
      const attempt = await em.findOne(ExamAttempt, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!attempt) throw notFound();
      await this.staffExam(em, principal, attempt.examId);
      if (attempt.status !== 'needs_manual_grading' && attempt.status !== 'graded') {
        throw conflict('attempt_not_gradable', `Lượt làm bài đang ở trạng thái ${attempt.status}: chưa chấm được.`);
      }
      const question = attempt.questions.some((q) => q.questionId === request.questionId)
        ? await em.findOneBy(Question, { id: request.questionId })
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
      await em.update(
        AttemptAnswer,
        { attemptId: id, questionId: request.questionId },
        {
          points: request.points,
          comment: request.comment ?? null,
          gradedByUserId: principal.userId,
          gradedAt: new Date(),
        },
      );
      await this.grading.grade(em, [attempt]);
      return this.view(em, await em.findOneByOrFail(ExamAttempt, { id }));
    });
  }

  private async staffExam(em: EntityManager, principal: Principal, examId: string): Promise<Exam> {
    const exam = await em.findOneBy(Exam, { id: examId });
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
      const [{ course_id }]: { course_id: string }[] = await em.query(`SELECT course_id FROM classes WHERE id = $1`, [
        exam.classId,
      ]);
      for (const rule of exam.draw ?? []) {
        const rows: { id: string }[] = await em.query(
          `SELECT id FROM questions WHERE course_id = $1 AND ($2::text IS NULL OR $2 = ANY(tags))
              AND ($3::uuid IS NULL OR lesson_id = $3) AND NOT (id = ANY($4::uuid[]))
            ORDER BY random() LIMIT $5`,
          [course_id, rule.tag ?? null, rule.lessonId ?? null, ids, rule.count],
        );
        ids.push(...rows.map((r) => r.id));
      }
    }
    const questions = await em.find(Question, { where: { id: In(ids) } });
    const ordered = ids.map((id) => questions.find((q) => q.id === id)).filter((q): q is Question => !!q);
    return exam.shuffle ? shuffled(ordered) : ordered;
  }

  /** The attempt as a learner may see it: prompts and options in the attempt's order, never a key. */
  private async view(em: EntityManager, attempt: ExamAttempt): Promise<AttemptView> {
    const ids = attempt.questions.map((q: AttemptQuestion) => q.questionId);
    const questions = await em.find(Question, { where: { id: In(ids) } });
    const answers = await em.find(AttemptAnswer, { where: { attemptId: attempt.id } });
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
