import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { Transactions } from '../../database/transactions';
import { OutboxService } from '../../queue/outbox.service';
import { AccessService } from '../access/access.service';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { courseNotDraft } from '../curricula/curricula.errors';
import {
  CreateQuestionRequest,
  ImportedQuestions,
  ListQuestionsQuery,
  QuestionView,
  UpdateQuestionRequest,
} from './dto/question.dto';
import type { Question } from './entities/question.entity';
import { parseQuestionBank, QuestionFormat } from './formats';
import { bankRefused } from './question-bank.errors';
import { normalizeQuestion, questionProblems } from './question.rules';
import { QuestionDraft } from './question.types';
import { QuestionFilter, QuestionsRepository } from './questions.repository';

export type { Question } from './entities/question.entity';

export const QUESTION_KEY_CHANGED = 'question.key_changed';

/** What a published course still lets an author correct: the key and the points (exams regrade). */
const KEY_FIELDS = ['correct', 'acceptedAnswers', 'partialAnswers', 'points'] as const;

/** The stored row of a validated draft. */
function questionRow(draft: QuestionDraft, lessonId: string | null) {
  return {
    lessonId,
    type: draft.type,
    prompt: draft.prompt,
    options: draft.options ?? null,
    correct: draft.correct ?? null,
    acceptedAnswers: draft.acceptedAnswers ?? null,
    partialAnswers: draft.partialAnswers ?? null,
    points: draft.points,
    tags: draft.tags ?? [],
    partialCredit: !!draft.partialCredit,
    ignoreDiacritics: !!draft.ignoreDiacritics,
  };
}

/**
 * Appends validated questions to a course's bank, in order. A draft's `lesson` is an index into
 * `lessonIds` (a package's lesson order); `lessonId` names a lesson directly. A plain function, so
 * course packages create their bank with it inside and outside Nest (the seed).
 */
export async function insertQuestions(
  em: EntityManager,
  courseId: string,
  drafts: QuestionDraft[],
  lessonIds: string[],
): Promise<string[]> {
  const rows = drafts.map((draft) =>
    questionRow(draft, draft.lessonId ?? (draft.lesson !== undefined ? lessonIds[draft.lesson] : null)),
  );
  return new QuestionsRepository().append(em, courseId, rows);
}

function draftOf(question: Question): QuestionDraft {
  return {
    type: question.type,
    prompt: question.prompt,
    options: question.options ?? undefined,
    correct: question.correct ?? undefined,
    acceptedAnswers: question.acceptedAnswers ?? undefined,
    partialAnswers: question.partialAnswers ?? undefined,
    points: question.points,
    tags: question.tags,
    partialCredit: question.partialCredit,
    ignoreDiacritics: question.ignoreDiacritics,
  };
}

/** What decides a score: a change of it is a key change, and attempts must be regraded. */
const scoringOf = (q: QuestionDraft) =>
  JSON.stringify([
    q.correct ?? null,
    q.acceptedAnswers ?? null,
    q.partialAnswers ?? null,
    q.points,
    !!q.partialCredit,
    !!q.ignoreDiacritics,
    q.options?.map((o) => o.weight ?? null) ?? null,
  ]);

/**
 * A course's question bank. Keys are for authors only: every route here needs authoring scope over
 * the course, and learners reach questions through exams, which strip the keys.
 */
@Injectable()
export class QuestionBankService {
  constructor(
    private readonly transactions: Transactions,
    private readonly questions: QuestionsRepository,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, courseId: string, request: CreateQuestionRequest): Promise<QuestionView> {
    return this.transactions.run(async (em) => {
      await this.access.draftCourse(principal, courseId, { em, lock: true });
      const { lessonId, ...draft } = request;
      const normalized = normalizeQuestion(draft);
      this.assertValid(normalized);
      if (lessonId) await this.assertLessonOf(em, courseId, lessonId);
      const [id] = await this.insert(em, courseId, [{ ...normalized, lessonId: lessonId ?? undefined }], []);
      return QuestionView.from(await this.questions.findByIdOrFail(em, id));
    });
  }

  async list(principal: Principal, courseId: string, query: ListQuestionsQuery): Promise<Page<QuestionView>> {
    await this.access.courseWithKeys(principal, courseId);
    const page = await this.questions.page(this.transactions.manager, courseId, query);
    return { items: page.items.map((q) => QuestionView.from(q)), nextCursor: page.nextCursor };
  }

  async get(principal: Principal, id: string): Promise<QuestionView> {
    const question = await this.questions.findById(this.transactions.manager, id);
    if (!question) throw notFound();
    await this.access.courseWithKeys(principal, question.courseId);
    return QuestionView.from(question);
  }

  /**
   * Changes a question of a draft. In a published course only the key and the points may change, to
   * correct a wrong key: audited, and every key change publishes `question.key_changed` so that
   * exams regrade the attempts that used it.
   */
  async update(principal: Principal, id: string, request: UpdateQuestionRequest): Promise<QuestionView> {
    return this.transactions.run(async (em) => {
      const question = await this.findQuestion(em, id);
      const course = await this.access.authoredCourse(principal, question.courseId, { em, lock: true });
      const changing = Object.keys(request).filter((k) => request[k as keyof UpdateQuestionRequest] !== undefined);
      if (course.status !== 'draft') {
        const other = changing.filter((field) => !(KEY_FIELDS as readonly string[]).includes(field));
        if (course.status === 'archived' || other.length > 0) throw courseNotDraft(course);
      }
      const { lessonId, ...fields } = request;
      const before = draftOf(question);
      const after = normalizeQuestion({
        ...before,
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      });
      this.assertValid(after);
      if (lessonId) await this.assertLessonOf(em, question.courseId, lessonId);
      await this.questions.update(em, id, {
        type: after.type,
        prompt: after.prompt,
        options: after.options ?? null,
        correct: after.correct ?? null,
        acceptedAnswers: after.acceptedAnswers ?? null,
        partialAnswers: after.partialAnswers ?? null,
        points: after.points,
        tags: after.tags ?? [],
        partialCredit: !!after.partialCredit,
        ignoreDiacritics: !!after.ignoreDiacritics,
        lessonId: lessonId !== undefined ? lessonId : question.lessonId,
      });
      if (scoringOf(before) !== scoringOf(after)) {
        await this.outbox.publish(em, QUESTION_KEY_CHANGED, { questionId: id, courseId: question.courseId });
        if (course.status !== 'draft') {
          await this.audit.record(em, {
            action: 'question.key_changed',
            ...actorOf(principal),
            targetType: 'question',
            targetId: id,
            orgUnitId: course.orgUnitId,
            details: {
              courseId: course.id,
              before: {
                correct: before.correct ?? null,
                acceptedAnswers: before.acceptedAnswers ?? null,
                partialAnswers: before.partialAnswers ?? null,
                points: before.points,
              },
              after: {
                correct: after.correct ?? null,
                acceptedAnswers: after.acceptedAnswers ?? null,
                partialAnswers: after.partialAnswers ?? null,
                points: after.points,
              },
            },
          });
        }
      }
      return QuestionView.from(await this.questions.findByIdOrFail(em, id));
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.transactions.run(async (em) => {
      const question = await this.findQuestion(em, id);
      await this.access.draftCourse(principal, question.courseId, { em, lock: true });
      await this.questions.delete(em, id);
    });
  }

  /** Imports a bank file into a draft: every question or none (422 listing each problem with its line). */
  async import(
    principal: Principal,
    courseId: string,
    format: QuestionFormat,
    content: Buffer,
  ): Promise<ImportedQuestions> {
    return this.transactions.run(async (em) => {
      await this.access.draftCourse(principal, courseId, { em, lock: true });
      const parsed = parseQuestionBank(format, content);
      if (!parsed.ok) throw bankRefused(parsed.errors);
      const lessonIds = await this.questions.lessonIdsOfCourse(em, courseId);
      const errors = parsed.questions.flatMap(({ line, draft }) => {
        if (draft.lesson !== undefined && draft.lesson >= lessonIds.length) {
          return [{ line, path: 'lesson', message: `khóa học chỉ có ${lessonIds.length} bài học (đánh số từ 0)` }];
        }
        if (draft.lessonId && !lessonIds.includes(draft.lessonId)) {
          return [{ line, path: 'lessonId', message: 'không phải bài học của khóa học này' }];
        }
        return [];
      });
      if (errors.length > 0) throw bankRefused(errors);
      const questionIds = await this.insert(
        em,
        courseId,
        parsed.questions.map((q) => q.draft),
        lessonIds,
      );
      return { imported: questionIds.length, questionIds };
    });
  }

  /** insertQuestions, for callers that hold the service. */
  async insert(em: EntityManager, courseId: string, drafts: QuestionDraft[], lessonIds: string[]): Promise<string[]> {
    return insertQuestions(em, courseId, drafts, lessonIds);
  }

  /** Copies a bank into a new course version, pointing questions at the copied lessons. */
  async copy(
    em: EntityManager,
    fromCourseId: string,
    toCourseId: string,
    lessonMap: Map<string, string>,
  ): Promise<void> {
    const questions = await this.ofCourse(em, fromCourseId);
    await this.insert(
      em,
      toCourseId,
      questions.map((q) => ({ ...draftOf(q), lessonId: q.lessonId ? lessonMap.get(q.lessonId) : undefined })),
      [],
    );
  }

  /** The whole bank in order (packages export it). */
  ofCourse(em: EntityManager, courseId: string): Promise<Question[]> {
    return this.questions.ofCourse(em, courseId);
  }

  /** Questions by id, keys included (exams grade with them and strip them for learners). */
  byIds(em: EntityManager, ids: string[]): Promise<Question[]> {
    return this.questions.findByIds(em, ids);
  }

  /** Which of these ids are questions of the course's bank. */
  idsInCourse(em: EntityManager, courseId: string, ids: string[]): Promise<string[]> {
    return this.questions.idsInCourse(em, courseId, ids);
  }

  /** How many questions of the course's bank match a draw rule. */
  countMatching(em: EntityManager, courseId: string, filter: QuestionFilter): Promise<number> {
    return this.questions.countMatching(em, courseId, filter);
  }

  /** Ids of up to `count` questions at random that match a draw rule, none of `excluded`. */
  drawMatching(
    em: EntityManager,
    courseId: string,
    filter: QuestionFilter,
    excluded: string[],
    count: number,
  ): Promise<string[]> {
    return this.questions.drawMatching(em, courseId, filter, excluded, count);
  }

  private async findQuestion(em: EntityManager, id: string): Promise<Question> {
    const question = await this.questions.findById(em, id);
    if (!question) throw notFound();
    return question;
  }

  private assertValid(draft: QuestionDraft): void {
    const problems = questionProblems(draft);
    if (problems.length > 0) throw validationProblem(problems.map((p) => ({ field: p.path, message: p.message })));
  }

  private async assertLessonOf(em: EntityManager, courseId: string, lessonId: string): Promise<void> {
    if (!(await this.questions.isLessonOfCourse(em, courseId, lessonId))) {
      throw validationProblem([{ field: 'lessonId', message: 'không phải bài học của khóa học này' }]);
    }
  }
}
