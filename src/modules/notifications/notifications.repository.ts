import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { NotificationKind } from './notification-kinds';
import { Notification } from './entities/notification.entity';
import { NotificationPreference } from './entities/notification-preference.entity';

/** A notification about to be stored, with where its email stands. */
export type NewNotification = Pick<
  Notification,
  'userId' | 'kind' | 'title' | 'body' | 'linkType' | 'linkId' | 'params' | 'dedupeKey' | 'emailStatus' | 'emailDueAt'
>;

/** Who may get an email: the address, if any, and the kinds turned off. */
export interface Recipient {
  userId: string;
  email: string | null;
  emailOff: NotificationKind[];
}

/** A notification with its recipient's name and address, as its email is sent. */
export type EmailToSend = Pick<
  Notification,
  'id' | 'kind' | 'title' | 'body' | 'params' | 'linkType' | 'linkId' | 'emailStatus'
> & { fullName: string; email: string | null };

/** Rows per INSERT: 100,000 reminders go in a few dozen statements. */
const INSERT_CHUNK = 1000;

@Injectable()
export class NotificationsRepository {
  /**
   * Stores the notifications whose dedupe key is new; returns those stored (a re-run scan or a
   * second worker gets nothing back for what exists already).
   */
  async insertNew(em: EntityManager, rows: NewNotification[]): Promise<{ id: string; dedupeKey: string }[]> {
    const stored: { id: string; dedupeKey: string }[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const result = await em
        .createQueryBuilder()
        .insert()
        .into(Notification)
        .values(chunk as QueryDeepPartialEntity<Notification>[])
        .orIgnore()
        .returning(['id', 'dedupeKey'])
        .execute();
      stored.push(
        ...(result.raw as { id: string; dedupe_key: string }[]).map((r) => ({ id: r.id, dedupeKey: r.dedupe_key })),
      );
    }
    return stored;
  }

  /** Email addresses and switched-off kinds of these people. */
  async recipients(em: EntityManager, userIds: string[]): Promise<Map<string, Recipient>> {
    // A read join of `users`: notifications only read who has an address.
    const rows: Recipient[] = await em.query(
      `SELECT u.id AS "userId", u.email,
              COALESCE(array_agg(p.kind) FILTER (WHERE p.kind IS NOT NULL), '{}') AS "emailOff"
         FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id AND NOT p.email
        WHERE u.id = ANY($1::uuid[]) GROUP BY u.id`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.userId, r]));
  }

  /** A page of a person's notifications, newest first; `where` on `n` with its values in `params`. */
  page(em: EntityManager, where: string[], params: unknown[], limit: number): Promise<Notification[]> {
    return em
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where(where.join(' AND '), Object.fromEntries(params.map((v, i) => [`p${i}`, v])))
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  async unreadCount(em: EntityManager, userId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return n;
  }

  async markRead(em: EntityManager, userId: string, id: string): Promise<Notification | null> {
    await em.query(`UPDATE notifications SET read_at = now() WHERE id = $1 AND user_id = $2 AND read_at IS NULL`, [
      id,
      userId,
    ]);
    return em.findOne(Notification, { where: { id, userId } });
  }

  async markAllRead(em: EntityManager, userId: string): Promise<number> {
    const [, affected]: [unknown, number] = await em.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return affected;
  }

  preferences(em: EntityManager, userId: string): Promise<NotificationPreference[]> {
    return em.find(NotificationPreference, { where: { userId } });
  }

  async savePreferences(em: EntityManager, rows: NotificationPreference[]): Promise<void> {
    if (rows.length) await em.upsert(NotificationPreference, rows, ['userId', 'kind']);
  }

  /** The notifications locked in id order (so batches never wait on each other in a cycle), with their recipient. */
  lockForEmail(em: EntityManager, ids: string[]): Promise<EmailToSend[]> {
    // A read join of `users`: the email goes to the person's current name and address.
    return em.query(
      `SELECT n.id, n.kind, n.title, n.body, n.params, n.link_type AS "linkType", n.link_id AS "linkId",
              n.email_status AS "emailStatus", u.full_name AS "fullName", u.email
         FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.id = ANY($1::uuid[]) ORDER BY n.id FOR UPDATE OF n`,
      [ids],
    );
  }

  async markEmail(
    em: EntityManager,
    ids: string[],
    fields: Pick<Notification, 'emailStatus' | 'emailSentAt' | 'emailError'>,
  ): Promise<void> {
    if (ids.length) await em.update(Notification, { id: In(ids) }, fields);
  }

  /** Unsent emails of notifications of `kind` linked to `linkId`: the object changed (a moved session). */
  async cancelPendingEmails(em: EntityManager, kind: NotificationKind, linkId: string): Promise<number> {
    const [, affected]: [unknown, number] = await em.query(
      `UPDATE notifications SET email_status = 'cancelled'
        WHERE kind = $1 AND link_id = $2 AND email_status = 'pending'`,
      [kind, linkId],
    );
    return affected;
  }
}
