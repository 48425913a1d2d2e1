import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';
import type { TopicPayloads } from '../../queue/topics';
import { CertificatesService } from '../certificates/certificates.service';
import { ClassesService } from '../classes/classes.service';
import { ExamsService } from '../exams/exams.service';
import { NOTIFICATION_SUBSCRIBERS } from './notification-events';
import { NotificationsService } from './notifications.service';

const score = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/**
 * What learners are told when something happens to them: a certificate issued, an enrolment
 * request decided, an attempt graded by an instructor; and a webhook's owner when it is disabled. One notification per object and recipient
 * (the dedupe key), in the class's timezone for the quiet hours.
 */
@Injectable()
export class EventNotificationsService {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly certificates: CertificatesService,
    private readonly classes: ClassesService,
    private readonly exams: ExamsService,
  ) {}

  @JobHandler(NOTIFICATION_SUBSCRIBERS.onCertificateIssued)
  async onCertificateIssued(fact: TopicPayloads['certificate.issued'], { em }: JobContext): Promise<void> {
    const printed = await this.certificates.printed(em, fact.certificateId);
    if (!printed) return;
    const { program, class: theClass, serial } = printed.content;
    await this.notifications.notify(em, [
      {
        userId: fact.userId,
        kind: 'certificate.issued',
        title: 'Giấy chứng nhận đã được cấp',
        body: `Bạn đã được cấp giấy chứng nhận hoàn thành chương trình “${program.name}”, lớp “${theClass.title}”.`,
        link: { type: 'certificate', id: fact.certificateId },
        params: { programName: program.name, classTitle: theClass.title, serial, verifyUrl: printed.verifyUrl },
        dedupeKey: `certificate.issued:${fact.certificateId}:${fact.userId}`,
        timeZone: (await this.classes.find(em, fact.classId))?.timezone,
      },
    ]);
  }

  @JobHandler(NOTIFICATION_SUBSCRIBERS.onEnrollmentDecided)
  async onEnrollmentDecided(fact: TopicPayloads['enrollment.decided'], { em }: JobContext): Promise<void> {
    const found = await this.classes.find(em, fact.classId);
    if (!found) return;
    const approved = fact.status === 'active';
    const kind = approved ? 'enrollment.approved' : 'enrollment.rejected';
    await this.notifications.notify(em, [
      {
        userId: fact.userId,
        kind,
        title: approved ? 'Yêu cầu ghi danh đã được duyệt' : 'Yêu cầu ghi danh bị từ chối',
        body: approved
          ? `Bạn đã được nhận vào lớp “${found.title}” (mã ${found.code}).`
          : `Yêu cầu ghi danh vào lớp “${found.title}” (mã ${found.code}) của bạn không được chấp nhận.`,
        link: approved ? { type: 'class', id: found.id } : { type: 'enrollment', id: fact.enrollmentId },
        params: { classTitle: found.title, classCode: found.code },
        dedupeKey: `${kind}:${fact.enrollmentId}:${fact.userId}`,
        timeZone: found.timezone,
      },
    ]);
  }

  /** Only an instructor's grading is news: an automatic grade follows the learner's own submission. */
  @JobHandler(NOTIFICATION_SUBSCRIBERS.onAttemptGraded)
  async onAttemptGraded(fact: TopicPayloads['attempt.graded'], { em }: JobContext): Promise<void> {
    if (!fact.manual) return;
    const exam = await this.exams.find(em, fact.examId);
    const found = await this.classes.find(em, fact.classId);
    if (!exam || !found) return;
    const score10 = `${score.format(fact.score10)}/10`;
    await this.notifications.notify(em, [
      {
        userId: fact.userId,
        kind: 'attempt.graded',
        title: 'Bài làm đã được chấm',
        body: `Bài làm “${exam.title}” của bạn ở lớp “${found.title}” đã được chấm: ${score10} điểm.`,
        link: { type: 'attempt', id: fact.attemptId },
        params: { examTitle: exam.title, classTitle: found.title, score10 },
        dedupeKey: `attempt.graded:${fact.attemptId}:${fact.userId}`,
        timeZone: found.timezone,
      },
    ]);
  }

  /** The person who set up the webhook hears that it stopped, and why. */
  @JobHandler(NOTIFICATION_SUBSCRIBERS.onWebhookDisabled)
  async onWebhookDisabled(fact: TopicPayloads['webhook.disabled'], { em }: JobContext): Promise<void> {
    if (!fact.ownerUserId) return;
    await this.notifications.notify(em, [
      {
        userId: fact.ownerUserId,
        kind: 'webhook.disabled',
        title: 'Webhook đã bị tắt',
        body: `Webhook gửi tới ${fact.url} đã bị tắt vì nhiều lần gửi liên tiếp không thành công. Hãy kiểm tra máy nhận rồi tạo lại webhook.`,
        link: { type: 'webhook', id: fact.webhookId },
        params: { url: fact.url, lastError: fact.lastError },
        dedupeKey: `webhook.disabled:${fact.webhookId}:${fact.ownerUserId}`,
      },
    ]);
  }
}
