import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, In } from 'typeorm';
import { Page, paginate } from '../../common/pagination';
import type { EnrollmentStatus } from '../enrollments/enrollments.service';
import { ListAttemptsQuery } from './dto/exam.dto';
import { AttemptAnswer } from './entities/attempt-answer.entity';
import { AttemptStatus, ExamAttempt } from './entities/exam-attempt.entity';
import type { AnswerValue } from './grading';

/** A stored answer as grading reads it. */
export interface AnswerForGrading {
  attempt_id: string;
  question_id: string;
  value: AnswerValue;
  points: number | null;
}

/** One attempt's result as grading writes it. */
export interface AttemptResult {
  id: string;
  status: AttemptStatus;
  score: number;
  maxScore: number;
  score10: number | null;
  classification: string | null;
  passed: boolean | null;
}

/** A graded attempt's result, for an enrolment's final score. */
export interface GradedResult {
  examId: string;
  enrollmentId: string;
  score10: number;
  submittedAt: Date;
}

/** Exam attempts and their answers. */
@Injectable()
export class AttemptsRepository {
  findById(em: EntityManager, id: string): Promise<ExamAttempt | null> {
    return em.findOneBy(ExamAttempt, { id });
  }

  findByIdOrFail(em: EntityManager, id: string): Promise<ExamAttempt> {
    return em.findOneByOrFail(ExamAttempt, { id });
  }

  findForUpdate(em: EntityManager, id: string): Promise<ExamAttempt | null> {
    return em.findOne(ExamAttempt, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locks attempts in id order, so concurrent batches never wait on each other in a cycle. */
  lockForGrading(em: EntityManager, ids: string[]): Promise<ExamAttempt[]> {
    return em.find(ExamAttempt, { where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The learner's enrolment in the class, locked so that attempts start one at a time. Reads
   * enrollments' row in the attempt's transaction; no EnrollmentsService method offers the lock yet.
   */
  async lockEnrollment(
    em: EntityManager,
    classId: string,
    userId: string,
  ): Promise<{ id: string; status: EnrollmentStatus } | null> {
    const rows: { id: string; status: EnrollmentStatus }[] = await em.query(
      `SELECT id, status FROM enrollments WHERE class_id = $1 AND user_id = $2 FOR NO KEY UPDATE`,
      [classId, userId],
    );
    return rows[0] ?? null;
  }

  /** An enrolment's attempts at an exam, first to last. */
  ofEnrollment(em: EntityManager, examId: string, enrollmentId: string): Promise<ExamAttempt[]> {
    return em.find(ExamAttempt, { where: { examId, enrollmentId }, order: { number: 'ASC' } });
  }

  page(em: EntityManager, examId: string, query: ListAttemptsQuery): Promise<Page<ExamAttempt>> {
    const qb = em
      .getRepository(ExamAttempt)
      .createQueryBuilder('attempt')
      .where('attempt.examId = :examId', { examId });
    if (query.status) qb.andWhere('attempt.status = :status', { status: query.status });
    return paginate(qb, query, [
      { column: 'attempt.startedAt', property: 'startedAt' },
      { column: 'attempt.id', property: 'id' },
    ]);
  }

  create(em: EntityManager, attempt: DeepPartial<ExamAttempt>): Promise<ExamAttempt> {
    return em.save(ExamAttempt, attempt);
  }

  /** An empty answer for each question of a new attempt, so autosave only updates. */
  async addEmptyAnswers(em: EntityManager, attemptId: string, questionIds: string[]): Promise<void> {
    await em.insert(
      AttemptAnswer,
      questionIds.map((questionId) => ({ attemptId, questionId, value: null })),
    );
  }

  answersOf(em: EntityManager, attemptId: string): Promise<AttemptAnswer[]> {
    return em.find(AttemptAnswer, { where: { attemptId } });
  }

  /** Autosave: one statement for all the answers sent. */
  async saveAnswers(
    em: EntityManager,
    attemptId: string,
    answers: { questionId: string; value: AnswerValue }[],
    savedAt: Date,
  ): Promise<void> {
    await em.query(
      `UPDATE attempt_answers a SET value = t.v, saved_at = $4
         FROM unnest($2::uuid[], $3::jsonb[]) AS t(q, v)
        WHERE a.attempt_id = $1 AND a.question_id = t.q`,
      [attemptId, answers.map((a) => a.questionId), answers.map((a) => JSON.stringify(a.value)), savedAt],
    );
  }

  /** An instructor's points for one essay answer. */
  async gradeAnswer(
    em: EntityManager,
    attemptId: string,
    questionId: string,
    grade: { points: number; comment: string | null; gradedByUserId: string | null; gradedAt: Date },
  ): Promise<void> {
    await em.update(AttemptAnswer, { attemptId, questionId }, grade);
  }

  /** Stores the submission and brings the caller's copy of the attempt level with the row. */
  async markSubmitted(em: EntityManager, attempt: ExamAttempt, by: 'learner' | 'deadline', at: Date): Promise<void> {
    const submitted = { status: 'submitted' as const, submittedAt: at, submittedBy: by };
    await em.update(ExamAttempt, attempt.id, submitted);
    Object.assign(attempt, submitted);
  }

  /** Ids of the exam's attempts that have a grade to recompute. */
  async gradedIdsOfExam(em: EntityManager, examId: string): Promise<string[]> {
    const attempts: { id: string }[] = await em.query(
      `SELECT id FROM exam_attempts WHERE exam_id = $1 AND status IN ('graded', 'needs_manual_grading')`,
      [examId],
    );
    return attempts.map((a) => a.id);
  }

  /** Ids of the graded attempts that answered the question. */
  async gradedIdsAnswering(em: EntityManager, questionId: string): Promise<string[]> {
    const rows: { attempt_id: string }[] = await em.query(
      `SELECT a.attempt_id FROM attempt_answers a JOIN exam_attempts t ON t.id = a.attempt_id
        WHERE a.question_id = $1 AND t.status IN ('graded', 'needs_manual_grading')`,
      [questionId],
    );
    return rows.map((r) => r.attempt_id);
  }

  /** Every answer of the attempts, one statement for the batch. */
  /** The graded attempts of these enrolments at these exams, as the final-score policies read them. */
  async gradedResults(em: EntityManager, enrollmentIds: string[], examIds: string[]): Promise<GradedResult[]> {
    const rows: { exam_id: string; enrollment_id: string; score10: number; submitted_at: Date }[] = await em.query(
      `SELECT exam_id, enrollment_id, score10::float8 AS score10, coalesce(submitted_at, started_at) AS submitted_at
         FROM exam_attempts WHERE enrollment_id = ANY($1) AND exam_id = ANY($2) AND status = 'graded'`,
      [enrollmentIds, examIds],
    );
    return rows.map((r) => ({
      examId: r.exam_id,
      enrollmentId: r.enrollment_id,
      score10: r.score10,
      submittedAt: r.submitted_at,
    }));
  }

  answersForGrading(em: EntityManager, attemptIds: string[]): Promise<AnswerForGrading[]> {
    return em.query(
      `SELECT attempt_id, question_id, value, points::float8 AS points FROM attempt_answers WHERE attempt_id = ANY($1)`,
      [attemptIds],
    );
  }

  /** Writes the objective answers' new points, one statement for the batch. */
  async writeAnswerPoints(
    em: EntityManager,
    rescored: { attempt: string[]; question: string[]; points: number[] },
  ): Promise<void> {
    await em.query(
      `UPDATE attempt_answers a SET points = t.points, graded_at = clock_timestamp()
         FROM unnest($1::uuid[], $2::uuid[], $3::numeric[]) AS t(attempt_id, question_id, points)
        WHERE a.attempt_id = t.attempt_id AND a.question_id = t.question_id`,
      [rescored.attempt, rescored.question, rescored.points],
    );
  }

  /** Writes the attempts' results, one statement for the batch; graded_at is set once. */
  async writeResults(em: EntityManager, results: AttemptResult[]): Promise<void> {
    await em.query(
      `UPDATE exam_attempts a
          SET status = t.status, score = t.score, max_score = t.max_score, score10 = t.score10,
              classification = t.classification, passed = t.passed,
              graded_at = CASE WHEN t.status = 'graded' THEN coalesce(a.graded_at, clock_timestamp()) END
         FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::numeric[], $5::numeric[], $6::text[], $7::boolean[])
              AS t(id, status, score, max_score, score10, classification, passed)
        WHERE a.id = t.id`,
      [
        results.map((r) => r.id),
        results.map((r) => r.status),
        results.map((r) => r.score),
        results.map((r) => r.maxScore),
        results.map((r) => r.score10),
        results.map((r) => r.classification),
        results.map((r) => r.passed),
      ],
    );
  }
}
