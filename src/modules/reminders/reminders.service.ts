import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { startOfDay, todayIn } from '../../common/calendar';
import { decodeCursor, encodeCursor, Page } from '../../common/pagination';
import { validationProblem } from '../../common/validation';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { OutboxService } from '../../queue/outbox.service';
import type { TopicPayloads } from '../../queue/topics';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { Notice, NotificationsService } from '../notifications/notifications.service';
import { ProbationAlertsQuery, ProbationAlertView } from './dto/probation-alert.dto';
import { NOTIFY_CHUNK, REMINDER_DUE, REMINDER_PAGE_DUE } from './reminder-events';
import { examText, lessonsDueText, probationAdminText, probationMemberText, sessionText, Text } from './reminder-texts';
import { RecipientPage, RecipientSet, RemindersRepository } from './reminders.repository';

type ReminderDue = TopicPayloads['reminder.due'];
type ReminderPageDue = TopicPayloads['reminder.page_due'];

/** The lead hours of REMINDER_SESSION_LEAD_HOURS (`24,1`), each once. */
export const sessionLeadHours = (setting: string): number[] => [...new Set(setting.split(',').map(Number))];

/** The calendar day after `day` (YYYY-MM-DD). */
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Reminders: a scan every minute takes what fell due (sessions ahead, exams closing, online classes
 * ending, probations ending without a new-member certificate) and publishes one `reminder.due` per
 * object; its handler finds the recipients as they are then and notifies them a page per
 * transaction, each page publishing the next. Every notification's dedupe key is (kind, lead,
 * object, recipient, occasion), so nothing is sent twice.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly reminders: RemindersRepository,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly transactions: Transactions,
    private readonly access: AccessService,
    private readonly env: Environment,
  ) {}

  /** Takes what is due at `now` and publishes one event per object; answers how many. */
  async scan(em: EntityManager, now: Date): Promise<number> {
    const due = await this.reminders.takeDue(em, {
      now,
      lookbackMinutes: this.env.REMINDER_LOOKBACK_MINUTES,
      sessionLeadHours: sessionLeadHours(this.env.REMINDER_SESSION_LEAD_HOURS),
      examLeadHours: this.env.REMINDER_EXAM_LEAD_HOURS,
      classEndLeadDays: this.env.REMINDER_CLASS_END_LEAD_DAYS,
      probationAlertDays: this.env.PROBATION_ALERT_DAYS,
      timeZone: this.env.DEFAULT_TIMEZONE,
    });
    await this.outbox.publishMany(
      em,
      REMINDER_DUE,
      due.map((r) => ({
        kind: r.kind,
        objectId: r.objectId,
        lead: r.lead,
        dueAt: r.dueAt.toISOString(),
        occursAt: r.occursAt.toISOString(),
        scannedAt: now.toISOString(),
      })),
    );
    return due.length;
  }

  /**
   * Notifies one page of the recipients of a due reminder; nothing when the object has changed
   * since the scan (a moved session, a closed class: the new occasion has its own reminder). The
   * reminder's own event splits its recipients into pages of `REMINDER_PAGE_SIZE`, notifies the
   * first and publishes the others at once, so workers write them side by side; a page that finds
   * more recipients in its range than fit (they enrolled since) publishes the rest of its range.
   * All in the handler's transaction. Answers how many notifications were new.
   */
  async fanOut(em: EntityManager, due: ReminderDue | ReminderPageDue): Promise<number> {
    const { afterUserId, throughUserId, ...reminder } = { afterUserId: null, throughUserId: null, ...due };
    const limit = this.env.REMINDER_PAGE_SIZE;
    const page: RecipientPage = { after: afterUserId, through: throughUserId, limit };
    const pages: ReminderPageDue[] = [];
    const recipientsOf = async <T extends { userId: string }>(set: RecipientSet): Promise<T[]> => {
      if (!('afterUserId' in due)) {
        const ends = await this.reminders.pageEnds(em, set, limit);
        page.through = ends[0] ?? null;
        ends.forEach((end, i) => pages.push({ ...reminder, afterUserId: end, throughUserId: ends[i + 1] ?? null }));
      }
      const found = await this.reminders.page<T>(em, set, page);
      const last = found.at(-1)?.userId;
      if (found.length >= limit && last !== page.through) {
        pages.push({ ...reminder, afterUserId: last!, throughUserId: page.through });
      }
      return found;
    };
    const occursAt = new Date(due.occursAt);
    const key = (userId: string) => `${due.kind}:${due.lead}:${due.objectId}:${userId}:${due.occursAt}`;
    const notices = (
      userIds: string[],
      text: (userId: string) => Text,
      link: Notice['link'],
      timeZone: string,
      params: Record<string, unknown>,
    ): Notice[] =>
      userIds.map((userId) => ({
        userId,
        kind: due.kind,
        ...text(userId),
        link,
        params,
        dedupeKey: key(userId),
        timeZone,
      }));
    let batches: Notice[][] = [];
    // The probation alert has its few recipients in one page; the others read theirs a page at a time.
    switch (due.kind) {
      case 'session.reminder': {
        const session = await this.reminders.session(em, due.objectId);
        if (!session || session.startsAt.getTime() !== occursAt.getTime()) return 0;
        const text = sessionText(session.classTitle, session.startsAt, session.timezone, session.location);
        const userIds = (await recipientsOf(this.reminders.learnersAndInstructors(session.classId))).map(
          (r) => r.userId,
        );
        batches = chunks(userIds).map((ids) =>
          notices(ids, () => text, { type: 'session', id: due.objectId }, session.timezone, {
            classTitle: session.classTitle,
            startsAt: due.occursAt,
            location: session.location,
            lead: due.lead,
          }),
        );
        break;
      }
      case 'exam.closing': {
        const exam = await this.reminders.exam(em, due.objectId);
        if (!exam || exam.closesAt.getTime() !== occursAt.getTime()) return 0;
        const text = examText(exam.title, exam.classTitle, exam.closesAt, exam.timezone);
        const userIds = (await recipientsOf(this.reminders.withoutSubmission(due.objectId, exam.classId))).map(
          (r) => r.userId,
        );
        batches = chunks(userIds).map((ids) =>
          notices(ids, () => text, { type: 'exam', id: due.objectId }, exam.timezone, {
            examTitle: exam.title,
            classTitle: exam.classTitle,
            closesAt: due.occursAt,
          }),
        );
        break;
      }
      case 'class.lessons_due': {
        const found = await this.reminders.onlineClass(em, due.objectId);
        if (!found || startOfDay(nextDay(found.endsOn), found.timezone).getTime() !== occursAt.getTime()) return 0;
        const left = await recipientsOf<{ userId: string; completed: number; total: number }>(
          this.reminders.lessonsLeft(due.objectId),
        );
        batches = chunks(left).map((rows) => {
          const progress = new Map(rows.map((r) => [r.userId, r]));
          return notices(
            rows.map((r) => r.userId),
            (userId) =>
              lessonsDueText(found.title, found.endsOn, progress.get(userId)!.completed, progress.get(userId)!.total),
            { type: 'class', id: due.objectId },
            found.timezone,
            { classTitle: found.title, endsOn: found.endsOn },
          );
        });
        break;
      }
      case 'probation.certificate_missing': {
        const member = await this.reminders.probationer(em, due.objectId);
        const zone = this.env.DEFAULT_TIMEZONE;
        if (!member || todayIn(zone, occursAt) !== member.endsOn) return 0;
        const admins = (await this.reminders.schoolAdminsOf(em, member.orgUnitId)).filter((id) => id !== due.objectId);
        const adminText = probationAdminText(member.fullName, member.unitName, member.endsOn);
        const memberText = probationMemberText(member.endsOn);
        batches = [
          notices(
            [due.objectId, ...admins],
            (userId) => (userId === due.objectId ? memberText : adminText),
            { type: 'user', id: due.objectId },
            zone,
            { fullName: member.fullName, unitName: member.unitName, probationEndsOn: member.endsOn },
          ),
        ];
        break;
      }
    }
    // The scan's moment, not the handler's: an email due in quiet hours waits for their end.
    const at = new Date(due.scannedAt);
    let stored = 0;
    for (const batch of batches) stored += await this.notifications.notify(em, batch, at);
    await this.outbox.publishMany(em, REMINDER_PAGE_DUE, pages);
    return stored;
  }

  /** A moved session's reminders for the old start are not emailed; the next scans remind for the new one. */
  cancelMoved(em: EntityManager, moved: TopicPayloads['session.rescheduled']): Promise<number> {
    return this.notifications.cancelPendingEmails(em, 'session.reminder', moved.sessionId);
  }

  /** Probationary members under the unit near the end of probation without a new-member certificate. */
  async probationAlerts(principal: Principal, query: ProbationAlertsQuery): Promise<Page<ProbationAlertView>> {
    await this.access.requireUnit(principal, 'stats.read', query.orgUnitId);
    const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
    if (after && !(/^\d{4}-\d{2}-\d{2}$/.test(String(after[0])) && isUUID(String(after[1])))) {
      throw validationProblem([{ field: 'cursor', message: 'con trỏ trang không hợp lệ' }]);
    }
    const rows = await this.reminders.probationAlerts(
      this.transactions.manager,
      query.orgUnitId,
      todayIn(this.env.DEFAULT_TIMEZONE),
      this.env.PROBATION_ALERT_DAYS,
      query.limit + 1,
      after ? { endsOn: String(after[0]), userId: String(after[1]) } : null,
    );
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(({ userId, ...rest }) => ({ id: userId, ...rest })),
      nextCursor: rows.length > query.limit ? encodeCursor([last.probationEndsOn, last.userId]) : null,
    };
  }
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += NOTIFY_CHUNK) out.push(rows.slice(i, i + NOTIFY_CHUNK));
  return out;
}
