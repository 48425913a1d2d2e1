import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../common/pagination';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { OutboxService } from '../../queue/outbox.service';
import type { Topic } from '../../queue/topics';
import type { Person } from '../auth/auth.decorators';
import {
  ListNotificationsQuery,
  NotificationPage,
  NotificationPreferencesRequest,
  NotificationPreferencesView,
  NotificationView,
} from './dto/notification.dto';
import { Notification } from './entities/notification.entity';
import { LinkType, NOTIFICATION_KIND_LIST, NOTIFICATION_KINDS, NotificationKind } from './notification-kinds';
import { notificationNotFound } from './notifications.errors';
import { NewNotification, NotificationsRepository } from './notifications.repository';
import { afterQuietHours } from './quiet-hours';

export type { NotificationKind } from './notification-kinds';

/** One notification to send, as a feature describes it. */
export interface Notice {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link?: { type: LinkType; id: string };
  /** What the kind's email template fills in (names, times, titles). */
  params?: Record<string, unknown>;
  /** (kind, object, recipient, due time): the same key twice is one notification. */
  dedupeKey: string;
  /** Whose clock decides the quiet hours (the class's); the default timezone otherwise. */
  timeZone?: string;
}

/** Emails wait on the outbox until they are due; one event per message, retried on its own. */
export const NOTIFICATION_EMAIL_DUE = 'notification.email_due' satisfies Topic;

/**
 * Notifications: stored once per dedupe key and shown in-app at once; emailed when SMTP is set up,
 * the person has an address and has not turned the kind off, after the quiet hours of their
 * timezone. Other features call `notify` in their own transaction.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly outbox: OutboxService,
    private readonly transactions: Transactions,
    private readonly env: Environment,
  ) {}

  /** Stores what is new and schedules its emails; answers how many notifications were new. */
  async notify(em: EntityManager, notices: Notice[], at = new Date()): Promise<number> {
    if (notices.length === 0) return 0;
    const mail = this.env.SMTP_URL !== '';
    const recipients = mail
      ? await this.notifications.recipients(em, [...new Set(notices.map((n) => n.userId))])
      : new Map();
    const quiet = { start: this.env.NOTIFY_QUIET_HOURS_START, end: this.env.NOTIFY_QUIET_HOURS_END };
    const rows: NewNotification[] = notices.map((notice) => {
      const recipient = recipients.get(notice.userId);
      const email = !!recipient?.email && !recipient.emailOff.includes(notice.kind);
      return {
        userId: notice.userId,
        kind: notice.kind,
        title: notice.title.normalize('NFC'),
        body: notice.body.normalize('NFC'),
        linkType: notice.link?.type ?? null,
        linkId: notice.link?.id ?? null,
        params: notice.params ?? {},
        dedupeKey: notice.dedupeKey,
        emailStatus: email ? 'pending' : 'off',
        emailDueAt: email ? afterQuietHours(at, notice.timeZone ?? this.env.DEFAULT_TIMEZONE, quiet) : null,
      };
    });
    const stored = await this.notifications.insertNew(em, rows);
    const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
    // One statement per due time: a scan's emails mostly share one.
    const emailsDue = new Map<number, { notificationId: string }[]>();
    for (const { id, dedupeKey } of stored) {
      const row = byKey.get(dedupeKey)!;
      if (row.emailStatus !== 'pending') continue;
      const due = row.emailDueAt!.getTime();
      if (!emailsDue.has(due)) emailsDue.set(due, []);
      emailsDue.get(due)!.push({ notificationId: id });
    }
    for (const [due, payloads] of emailsDue) {
      await this.outbox.publishMany(em, NOTIFICATION_EMAIL_DUE, payloads, { availableAt: new Date(due) });
    }
    return stored.length;
  }

  /** A changed object's reminders that have not been emailed yet are not emailed any more. */
  cancelPendingEmails(em: EntityManager, kind: NotificationKind, linkId: string): Promise<number> {
    return this.notifications.cancelPendingEmails(em, kind, linkId);
  }

  async mine(person: Person, query: ListNotificationsQuery): Promise<NotificationPage> {
    const em = this.transactions.manager;
    const params: unknown[] = [person.userId];
    const where = ['n.user_id = :p0'];
    if (query.unread === true) where.push('n.read_at IS NULL');
    if (query.unread === false) where.push('n.read_at IS NOT NULL');
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, 2);
      where.push(`(n.created_at, n.id) < (:p${params.push(createdAt) - 1}, :p${params.push(id) - 1})`);
    }
    const rows = await this.notifications.page(em, where, params, query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(view),
      nextCursor: rows.length > query.limit ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
      unreadCount: await this.notifications.unreadCount(em, person.userId),
    };
  }

  async markRead(person: Person, id: string): Promise<NotificationView> {
    return this.transactions.run(async (em) => {
      const found = await this.notifications.markRead(em, person.userId, id);
      if (!found) throw notificationNotFound();
      return view(found);
    });
  }

  async markAllRead(person: Person): Promise<{ marked: number }> {
    return this.transactions.run(async (em) => ({ marked: await this.notifications.markAllRead(em, person.userId) }));
  }

  async preferences(person: Person): Promise<NotificationPreferencesView> {
    const saved = await this.notifications.preferences(this.transactions.manager, person.userId);
    const off = new Set(saved.filter((p) => !p.email).map((p) => p.kind));
    return {
      emailEnabled: this.env.SMTP_URL !== '',
      kinds: NOTIFICATION_KIND_LIST.map((kind) => ({
        kind,
        label: NOTIFICATION_KINDS[kind],
        inApp: true,
        email: !off.has(kind),
      })),
    };
  }

  async savePreferences(person: Person, request: NotificationPreferencesRequest): Promise<NotificationPreferencesView> {
    await this.transactions.run((em) =>
      this.notifications.savePreferences(
        em,
        request.kinds.map((k) => ({ userId: person.userId, kind: k.kind, email: k.email })),
      ),
    );
    return this.preferences(person);
  }
}

function view(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.linkType && n.linkId ? { type: n.linkType, id: n.linkId } : null,
    createdAt: n.createdAt,
    readAt: n.readAt,
    email: n.emailStatus,
  };
}
