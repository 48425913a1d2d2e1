import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BatchJobHandler, JobContext } from '../../queue/job-handler.decorator';
import { OutboxService } from '../../queue/outbox.service';
import type { TopicPayloads } from '../../queue/topics';
import { ClassesService } from '../classes/classes.service';
import { SessionsService } from '../classes/sessions.service';
import { attendanceRate, classify, CompletionVerdict, evaluateCompletion } from './completion';
import {
  ENROLLMENT_CLASSIFIED,
  ENROLLMENT_COMPLETED,
  ENROLLMENT_FAILED,
  ENROLLMENT_SUBSCRIBERS,
} from './enrollment-events';
import { EnrollmentsRepository } from './enrollments.repository';

/**
 * Keeps each enrolment's stored summary current. It subscribes to recorded attendance, graded
 * attempts and enrolments' own `enrollment.progress_changed` (a seat taken, a lesson completed);
 * each recomputes the whole summary from the rows, so a repeated or late event converges on the
 * same values.
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly classes: ClassesService,
    private readonly sessions: SessionsService,
    private readonly outbox: OutboxService,
  ) {}

  @BatchJobHandler(ENROLLMENT_SUBSCRIBERS.refreshProgress)
  async onProgressChanged(payloads: TopicPayloads['enrollment.progress_changed'][], { em }: JobContext): Promise<void> {
    await this.recomputeAll(
      em,
      payloads.map((p) => p.enrollmentId),
    );
  }

  @BatchJobHandler(ENROLLMENT_SUBSCRIBERS.progressOnAttendance)
  async onAttendanceRecorded(payloads: TopicPayloads['attendance.recorded'][], { em }: JobContext): Promise<void> {
    await this.recomputeAll(
      em,
      payloads.flatMap((p) => p.enrollmentIds),
    );
  }

  /** Each enrolment once however many events named it, in id order. */
  private async recomputeAll(em: EntityManager, enrollmentIds: string[]): Promise<void> {
    // In id order, as grading locks enrolments, so the two never wait on each other in a cycle.
    for (const enrollmentId of [...new Set(enrollmentIds)].sort()) await this.recompute(em, enrollmentId);
  }

  /**
   * Also after a class closed: a result that changes later (a regraded exam) finalises the
   * enrolment again, and the new outcome is published for certificates.
   */
  private async recompute(em: EntityManager, enrollmentId: string): Promise<void> {
    const verdict = await this.refresh(em, enrollmentId);
    const enrollment = await this.enrollments.find(em, enrollmentId);
    if (!verdict || !enrollment || (enrollment.status !== 'completed' && enrollment.status !== 'failed')) return;
    const status = verdict.met ? 'completed' : 'failed';
    if (status === enrollment.status) return;
    await this.enrollments.update(em, enrollment.id, { status, completedAt: verdict.met ? new Date() : null });
    await this.outbox.publish(em, verdict.met ? ENROLLMENT_COMPLETED : ENROLLMENT_FAILED, {
      enrollmentId: enrollment.id,
      classId: enrollment.classId,
      unmet: verdict.unmet,
    });
  }

  /** Recomputes and stores the summary; returns what the completion rule says of it now. */
  async refresh(em: EntityManager, enrollmentId: string, at = new Date()): Promise<CompletionVerdict | null> {
    const enrollment = await this.enrollments.lock(em, enrollmentId);
    if (!enrollment) return null;
    // An enrolment's class always exists (foreign key, cascading delete).
    const trainingClass = (await this.classes.find(em, enrollment.classId))!;
    const course = await this.enrollments.rulesOfCourse(em, trainingClass.courseId);
    const lessons = await this.enrollments.lessonCounts(em, trainingClass.courseId, enrollmentId);
    const rate = attendanceRate(await this.sessions.attendanceOf(em, trainingClass.id, enrollmentId, at));
    const classification = classify(enrollment.finalScore, course.gradingScale);
    if (classification !== enrollment.classification) {
      await this.outbox.publish(em, ENROLLMENT_CLASSIFIED, { enrollmentId, classId: trainingClass.id });
    }
    await this.enrollments.update(em, enrollmentId, {
      lessonsCompleted: lessons.completed,
      lessonsTotal: lessons.total,
      mandatoryLessonsCompleted: lessons.mandatory_completed,
      mandatoryLessonsTotal: lessons.mandatory_total,
      attendanceRate: rate,
      classification,
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
