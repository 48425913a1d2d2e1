import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../../queue/outbox.service';
import { BatchJobHandler, JobContext, JobHandler } from '../../queue/job-handler.decorator';
import { AuditService } from '../audit/audit.service';
import { classify } from '../enrollments/completion';
import { EnrollmentsService } from '../enrollments/enrollments.service';
import { QuestionBankService } from '../question-bank/question-bank.service';
import { AttemptsRepository } from './attempts.repository';
import { AttemptStatus, ExamAttempt } from './entities/exam-attempt.entity';
import { ATTEMPT_GRADED, ATTEMPT_SUBMITTED, EXAM_SUBSCRIBERS } from './exam-events';
import { ExamGrading, ExamsRepository } from './exams.repository';
import { examResult, passesMark, round2, scoreAnswer, toScore10 } from './grading';

/** Attempts rescored in one statement group; a regrade of a much-used question goes in such chunks. */
const REGRADE_CHUNK = 500;

/** One attempt's result before and after grading. */
export interface GradeChange {
  attempt: ExamAttempt;
  before: number | null;
  after: number | null;
  score: number;
}

/**
 * Grading, exactly once in effect: every step locks the attempts and computes from the stored
 * answers and the current keys, so a retried or duplicate job writes the same result. Attempts are
 * graded in sets, a few statements for a whole batch of submissions.
 */
@Injectable()
export class GradingService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly attempts: AttemptsRepository,
    private readonly exams: ExamsRepository,
    private readonly questionBank: QuestionBankService,
    private readonly enrollments: EnrollmentsService,
  ) {}

  @BatchJobHandler(EXAM_SUBSCRIBERS.gradeSubmitted)
  async onSubmitted(payloads: { attemptId: string }[], { em }: JobContext): Promise<void> {
    const attempts = await this.attempts.lockForGrading(
      em,
      payloads.map((p) => p.attemptId),
    );
    await this.grade(
      em,
      attempts.filter((a) => a.status === 'submitted'),
    );
  }

  /** At the deadline an attempt still open is submitted with what was saved. */
  @JobHandler(EXAM_SUBSCRIBERS.submitAtDeadline)
  async onDeadline(payload: { attemptId: string }, { em }: JobContext): Promise<void> {
    const [attempt] = await this.attempts.lockForGrading(em, [payload.attemptId]);
    if (attempt?.status !== 'in_progress') return;
    await this.submit(em, attempt, 'deadline', attempt.deadline);
  }

  /** A corrected key: every attempt that used the question is rescored. */
  @JobHandler(EXAM_SUBSCRIBERS.regradeOnKeyChange)
  async onKeyChanged(payload: { questionId: string }, { em }: JobContext): Promise<void> {
    await this.regrade(em, await this.attempts.gradedIdsAnswering(em, payload.questionId), null);
  }

  async submit(em: EntityManager, attempt: ExamAttempt, by: 'learner' | 'deadline', at: Date): Promise<void> {
    await this.attempts.markSubmitted(em, attempt, by, at);
    await this.outbox.publish(
      em,
      ATTEMPT_SUBMITTED,
      { attemptId: attempt.id },
      { dedupeKey: `attempt.submitted:${attempt.id}` },
    );
  }

  /**
   * Rescores graded attempts from the current keys (manual points kept) and audits each changed
   * score (old → new). Returns how many changed.
   */
  async regrade(em: EntityManager, attemptIds: string[], actorUserId: string | null): Promise<number> {
    let changed = 0;
    for (let from = 0; from < attemptIds.length; from += REGRADE_CHUNK) {
      const attempts = (await this.attempts.lockForGrading(em, attemptIds.slice(from, from + REGRADE_CHUNK))).filter(
        (a) => a.status === 'graded' || a.status === 'needs_manual_grading',
      );
      for (const { attempt, before, after, score } of await this.grade(em, attempts)) {
        if (before === after) continue;
        changed++;
        await this.audit.record(em, {
          action: 'attempt.regraded',
          actorUserId,
          targetType: 'exam_attempt',
          targetId: attempt.id,
          details: { examId: attempt.examId, before: { score10: before }, after: { score10: after, score } },
        });
      }
    }
    return changed;
  }

  /**
   * Scores the objective answers of locked attempts from the current keys and keeps the
   * instructors' essay points: an attempt is graded when no essay is left, else it needs manual
   * grading. Final exams then carry their result to the enrolments, and each graded attempt is
   * published as `attempt.graded` (one statement for the whole set). `manual`: an instructor's
   * essay points are what is graded now.
   */
  async grade(em: EntityManager, attempts: ExamAttempt[], { manual = false } = {}): Promise<GradeChange[]> {
    if (attempts.length === 0) return [];
    const answers = await this.attempts.answersForGrading(
      em,
      attempts.map((a) => a.id),
    );
    const questions = new Map(
      (await this.questionBank.byIds(em, [...new Set(answers.map((a) => a.question_id))])).map((q) => [q.id, q]),
    );
    const exams = await this.exams.gradingOf(em, [...new Set(attempts.map((a) => a.examId))]);
    const byAttempt = new Map<string, typeof answers>(attempts.map((a) => [a.id, []]));
    for (const answer of answers) byAttempt.get(answer.attempt_id)!.push(answer);

    const rescored = { attempt: [] as string[], question: [] as string[], points: [] as number[] };
    const results: (GradeChange & {
      status: AttemptStatus;
      maxScore: number;
      classification: string | null;
      passed: boolean | null;
    })[] = [];
    for (const attempt of attempts) {
      let score = 0;
      let maxScore = 0;
      let waiting = false;
      for (const answer of byAttempt.get(attempt.id) ?? []) {
        const question = questions.get(answer.question_id);
        if (!question) continue;
        maxScore += question.points;
        const points = question.type === 'essay' ? answer.points : scoreAnswer(question, answer.value);
        if (points === null) waiting = true;
        else score += points;
        if (question.type !== 'essay' && points !== answer.points) {
          rescored.attempt.push(attempt.id);
          rescored.question.push(answer.question_id);
          rescored.points.push(points as number);
        }
      }
      const after = waiting ? null : toScore10(score, maxScore);
      const exam = exams.get(attempt.examId)!;
      results.push({
        attempt,
        before: attempt.score10,
        after,
        score: round2(score),
        status: waiting ? 'needs_manual_grading' : 'graded',
        maxScore,
        classification: after === null ? null : classify(after, exam.scale),
        passed: passesMark(after, exam.passMark),
      });
    }
    if (rescored.attempt.length > 0) await this.attempts.writeAnswerPoints(em, rescored);
    await this.attempts.writeResults(
      em,
      results.map((r) => ({
        id: r.attempt.id,
        status: r.status,
        score: r.score,
        maxScore: r.maxScore,
        score10: r.after,
        classification: r.classification,
        passed: r.passed,
      })),
    );
    await this.updateFinalScores(
      em,
      attempts.filter((a) => exams.get(a.examId)!.kind === 'final'),
      exams,
    );
    await this.outbox.publishMany(
      em,
      ATTEMPT_GRADED,
      results
        .filter((r) => r.status === 'graded')
        .map(({ attempt, after, score, maxScore }) => {
          const exam = exams.get(attempt.examId)!;
          return {
            attemptId: attempt.id,
            examId: attempt.examId,
            classId: exam.classId,
            enrollmentId: attempt.enrollmentId,
            userId: attempt.userId,
            score,
            maxScore,
            score10: after!,
            final: exam.kind === 'final',
            manual,
          };
        }),
    );
    return results.map(({ attempt, before, after, score }) => ({ attempt, before, after, score }));
  }

  /**
   * The final exam's result by its policy becomes the enrolment's final score. The enrolments are
   * locked first, so two batches grading one learner's attempts see each other's grades.
   */
  private async updateFinalScores(
    em: EntityManager,
    attempts: ExamAttempt[],
    exams: Map<string, ExamGrading>,
  ): Promise<void> {
    const finalExam = new Map(attempts.map((a) => [a.enrollmentId, a.examId]));
    if (finalExam.size === 0) return;
    const current = await this.enrollments.lockFinalScores(em, [...finalExam.keys()]);
    const graded = await this.attempts.gradedResults(em, [...finalExam.keys()], [...new Set(finalExam.values())]);
    const changed = [...current].flatMap(([enrollmentId, finalScore]) => {
      const examId = finalExam.get(enrollmentId)!;
      const result = examResult(
        graded.filter((g) => g.enrollmentId === enrollmentId && g.examId === examId),
        exams.get(examId)!.policy,
      );
      return finalScore === result ? [] : [{ enrollmentId, finalScore: result }];
    });
    await this.enrollments.recordFinalScores(em, changed);
  }
}
