import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { OutboxService } from '../../queue/outbox.service';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';
import { AuditService } from '../audit/audit.service';
import { TrainingClass } from '../classes/entities/training-class.entity';
import { Course } from '../curricula/entities/course.entity';
import { classify } from '../enrollments/completion';
import { ENROLLMENT_PROGRESS_CHANGED } from '../enrollments/enrollment-events';
import { Enrollment } from '../enrollments/entities/enrollment.entity';
import { Question } from '../question-bank/entities/question.entity';
import { QUESTION_KEY_CHANGED } from '../question-bank/question-bank.service';
import { AttemptAnswer } from './entities/attempt-answer.entity';
import { ExamAttempt } from './entities/exam-attempt.entity';
import { Exam } from './entities/exam.entity';
import { ATTEMPT_DEADLINE, ATTEMPT_SUBMITTED } from './exam-events';
import { examResult, scoreAnswer, toScore10 } from './grading';

/**
 * Grading, exactly once in effect: every step locks the attempt and computes from the stored
 * answers and the current keys, so a retried or duplicate job writes the same result.
 */
@Injectable()
export class GradingService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  @JobHandler(ATTEMPT_SUBMITTED)
  async onSubmitted(payload: { attemptId: string }, { em }: JobContext): Promise<void> {
    const attempt = await this.lock(em, payload.attemptId);
    if (attempt?.status === 'submitted') await this.score(em, attempt);
  }

  /** At the deadline an attempt still open is submitted with what was saved. */
  @JobHandler(ATTEMPT_DEADLINE)
  async onDeadline(payload: { attemptId: string }, { em }: JobContext): Promise<void> {
    const attempt = await this.lock(em, payload.attemptId);
    if (attempt?.status !== 'in_progress') return;
    await this.submit(em, attempt, 'deadline', attempt.deadline);
  }

  /** A corrected key: every attempt that used the question is rescored. */
  @JobHandler(QUESTION_KEY_CHANGED)
  async onKeyChanged(payload: { questionId: string }, { em }: JobContext): Promise<void> {
    const rows: { attempt_id: string }[] = await em.query(
      `SELECT a.attempt_id FROM attempt_answers a JOIN exam_attempts t ON t.id = a.attempt_id
        WHERE a.question_id = $1 AND t.status IN ('graded', 'needs_manual_grading') ORDER BY a.attempt_id`,
      [payload.questionId],
    );
    for (const { attempt_id } of rows) await this.regrade(em, attempt_id, null);
  }

  async submit(em: EntityManager, attempt: ExamAttempt, by: 'learner' | 'deadline', at: Date): Promise<void> {
    await em.update(ExamAttempt, attempt.id, { status: 'submitted', submittedAt: at, submittedBy: by });
    await this.outbox.publish(
      em,
      ATTEMPT_SUBMITTED,
      { attemptId: attempt.id },
      { dedupeKey: `attempt.submitted:${attempt.id}` },
    );
  }

  /** Rescores an attempt from the current keys (manual points kept); audits a changed score. */
  async regrade(em: EntityManager, attemptId: string, actorUserId: string | null): Promise<boolean> {
    const attempt = await this.lock(em, attemptId);
    if (!attempt || (attempt.status !== 'graded' && attempt.status !== 'needs_manual_grading')) return false;
    const before = attempt.score10;
    await this.score(em, attempt);
    const after = await em.findOneByOrFail(ExamAttempt, { id: attemptId });
    if (before === after.score10) return false;
    await this.audit.record(em, {
      action: 'attempt.regraded',
      actorUserId,
      targetType: 'exam_attempt',
      targetId: attemptId,
      details: {
        examId: attempt.examId,
        before: { score10: before },
        after: { score10: after.score10, score: after.score },
      },
    });
    return true;
  }

  /**
   * Scores the objective answers from the current keys and keeps the instructors' essay points: the
   * attempt is graded when no essay is left, else it needs manual grading.
   */
  async score(em: EntityManager, attempt: ExamAttempt): Promise<void> {
    const answers = await em.find(AttemptAnswer, { where: { attemptId: attempt.id } });
    const questions = await em.find(Question, { where: { id: In(answers.map((a) => a.questionId)) } });
    const byId = new Map(questions.map((q) => [q.id, q]));
    let score = 0;
    let maxScore = 0;
    let waiting = false;
    for (const answer of answers) {
      const question = byId.get(answer.questionId);
      if (!question) continue;
      maxScore += question.points;
      const points = question.type === 'essay' ? answer.points : scoreAnswer(question, answer.value);
      if (points === null) waiting = true;
      else score += points;
      if (question.type !== 'essay' && points !== answer.points) {
        await em.update(
          AttemptAnswer,
          { attemptId: attempt.id, questionId: answer.questionId },
          { points, gradedAt: new Date() },
        );
      }
    }
    const exam = await em.findOneByOrFail(Exam, { id: attempt.examId });
    const trainingClass = await em.findOneByOrFail(TrainingClass, { id: exam.classId });
    const course = await em.findOneByOrFail(Course, { id: trainingClass.courseId });
    const score10 = waiting ? null : toScore10(score, maxScore);
    await em.update(ExamAttempt, attempt.id, {
      status: waiting ? 'needs_manual_grading' : 'graded',
      score: Math.round(score * 100) / 100,
      maxScore,
      score10,
      classification: score10 === null ? null : classify(score10, course.gradingScale),
      gradedAt: waiting ? null : (attempt.gradedAt ?? new Date()),
    });
    if (exam.kind === 'final') await this.updateFinalScore(em, exam, attempt.enrollmentId);
  }

  /** The final exam's result by its policy becomes the enrolment's final score. */
  private async updateFinalScore(em: EntityManager, exam: Exam, enrollmentId: string): Promise<void> {
    const graded = await em.find(ExamAttempt, { where: { examId: exam.id, enrollmentId, status: 'graded' } });
    const result = examResult(
      graded.map((a) => ({ score10: a.score10 ?? 0, submittedAt: a.submittedAt ?? a.startedAt })),
      exam.gradingPolicy,
    );
    const enrollment = await em.findOneBy(Enrollment, { id: enrollmentId });
    if (!enrollment || enrollment.finalScore === result) return;
    await em.update(Enrollment, enrollmentId, { finalScore: result });
    await this.outbox.publish(em, ENROLLMENT_PROGRESS_CHANGED, { enrollmentId });
  }

  private lock(em: EntityManager, id: string): Promise<ExamAttempt | null> {
    return em.findOne(ExamAttempt, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
