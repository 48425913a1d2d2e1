import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BatchJobHandler, JobContext, JobHandler } from '../../queue/job-handler.decorator';
import { OutboxService } from '../../queue/outbox.service';
import type { TopicPayloads } from '../../queue/topics';
import type { AttendanceStatus } from '../classes/entities/attendance-record.entity';
import { TrainingClass } from '../classes/entities/training-class.entity';
import { Course } from '../curricula/entities/course.entity';
import { attendanceRate, classify, CompletionVerdict, evaluateCompletion } from './completion';
import { ENROLLMENT_COMPLETED, ENROLLMENT_FAILED, ENROLLMENT_SUBSCRIBERS } from './enrollment-events';
import { Enrollment } from './entities/enrollment.entity';

/**
 * Keeps each enrolment's stored summary current. It subscribes to recorded attendance, graded
 * attempts and enrolments' own `enrollment.progress_changed` (a seat taken, a lesson completed);
 * each recomputes the whole summary from the rows, so a repeated or late event converges on the
 * same values.
 */
@Injectable()
export class ProgressService {
  constructor(private readonly outbox: OutboxService) {}

  @JobHandler(ENROLLMENT_SUBSCRIBERS.refreshProgress)
  async onProgressChanged(payload: TopicPayloads['enrollment.progress_changed'], { em }: JobContext): Promise<void> {
    await this.recompute(em, payload.enrollmentId);
  }

  @JobHandler(ENROLLMENT_SUBSCRIBERS.progressOnAttendance)
  async onAttendanceRecorded(payload: TopicPayloads['attendance.recorded'], { em }: JobContext): Promise<void> {
    // In id order, as grading locks enrolments, so the two never wait on each other in a cycle.
    for (const enrollmentId of [...new Set(payload.enrollmentIds)].sort()) await this.recompute(em, enrollmentId);
  }

  /**
   * Only a final exam's result is part of the summary. Batched: a grading burst has one event per
   * attempt, and each enrolment is recomputed once per batch.
   */
  @BatchJobHandler(ENROLLMENT_SUBSCRIBERS.progressOnGrade)
  async onAttemptsGraded(payloads: TopicPayloads['attempt.graded'][], { em }: JobContext): Promise<void> {
    const enrollmentIds = new Set(payloads.filter((p) => p.final).map((p) => p.enrollmentId));
    for (const enrollmentId of [...enrollmentIds].sort()) await this.recompute(em, enrollmentId);
  }

  /**
   * Also after a class closed: a result that changes later (a regraded exam) finalises the
   * enrolment again, and the new outcome is published for certificates.
   */
  private async recompute(em: EntityManager, enrollmentId: string): Promise<void> {
    const verdict = await this.refresh(em, enrollmentId);
    const enrollment = await em.findOneBy(Enrollment, { id: enrollmentId });
    if (!verdict || !enrollment || (enrollment.status !== 'completed' && enrollment.status !== 'failed')) return;
    const status = verdict.met ? 'completed' : 'failed';
    if (status === enrollment.status) return;
    await em.update(Enrollment, enrollment.id, { status, completedAt: verdict.met ? new Date() : null });
    await this.outbox.publish(em, verdict.met ? ENROLLMENT_COMPLETED : ENROLLMENT_FAILED, {
      enrollmentId: enrollment.id,
      classId: enrollment.classId,
      unmet: verdict.unmet,
    });
  }

  /** Recomputes and stores the summary; returns what the completion rule says of it now. */
  async refresh(em: EntityManager, enrollmentId: string, at = new Date()): Promise<CompletionVerdict | null> {
    const enrollment = await em.findOne(Enrollment, {
      where: { id: enrollmentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!enrollment) return null;
    const trainingClass = await em.findOneByOrFail(TrainingClass, { id: enrollment.classId });
    const course = await em.findOneByOrFail(Course, { id: trainingClass.courseId });
    const [lessons]: {
      total: number;
      mandatory_total: number;
      completed: number;
      mandatory_completed: number;
    }[] = await em.query(
      `SELECT count(*)::int AS total, (count(*) FILTER (WHERE l.mandatory))::int AS mandatory_total,
              count(p.lesson_id)::int AS completed,
              (count(p.lesson_id) FILTER (WHERE l.mandatory))::int AS mandatory_completed
         FROM lessons l LEFT JOIN lesson_progress p ON p.lesson_id = l.id AND p.enrollment_id = $2
        WHERE l.course_id = $1`,
      [course.id, enrollmentId],
    );
    const held: { status: AttendanceStatus | null }[] = await em.query(
      `SELECT a.status FROM class_sessions s
         LEFT JOIN attendance_records a ON a.session_id = s.id AND a.enrollment_id = $2
        WHERE s.class_id = $1 AND s.starts_at <= $3`,
      [trainingClass.id, enrollmentId, at],
    );
    const rate = attendanceRate(held.map((h) => h.status));
    await em.update(Enrollment, enrollmentId, {
      lessonsCompleted: lessons.completed,
      lessonsTotal: lessons.total,
      mandatoryLessonsCompleted: lessons.mandatory_completed,
      mandatoryLessonsTotal: lessons.mandatory_total,
      attendanceRate: rate,
      classification: classify(enrollment.finalScore, course.gradingScale),
      summaryUpdatedAt: at,
    });
    return evaluateCompletion(course.completionRule, {
      mode: trainingClass.mode,
      requireFinalExam: trainingClass.requireFinalExam,
      attendanceRate: rate,
      mandatoryLessonsCompleted: lessons.mandatory_completed,
      mandatoryLessonsTotal: lessons.mandatory_total,
      finalScore: enrollment.finalScore,
    });
  }
}
