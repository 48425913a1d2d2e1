import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { inSubtreeOf, unitUnderAny } from '../access/subtree';
import { DeliveryStatus, WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookDeliveryAttempt } from './entities/webhook-delivery-attempt.entity';
import { Webhook } from './entities/webhook.entity';
import type { WebhookEvent } from './webhook-events';

const WEBHOOK_COLUMNS = `w.id, w.org_unit_id AS "orgUnitId", w.url, w.events, w.secret, w.owner_user_id AS "ownerUserId",
  w.status, w.consecutive_failures AS "consecutiveFailures", w.disabled_at AS "disabledAt", w.deleted_at AS "deletedAt",
  w.created_at AS "createdAt", w.updated_at AS "updatedAt"`;

const ATTEMPT_COLUMNS = `a.seq, a.delivery_id AS "deliveryId", a.webhook_id AS "webhookId", a.attempt,
  a.status_code AS "statusCode", a.duration_ms AS "durationMs", a.error, a.at, d.type, d.status AS "deliveryStatus"`;

/** Where an event's class sits, for routing it to the webhooks of that unit and its ancestors. */
export interface EventPlace {
  orgUnitId: string;
  orgUnitCode: string;
  classCode: string;
  /** The enrolment's learner, when the event names an enrolment. */
  userId: string | null;
}

export type AttemptRow = WebhookDeliveryAttempt & { type: string; deliveryStatus: DeliveryStatus };

/** A delivery with what sending it needs from its webhook. */
export type DeliveryToSend = WebhookDelivery &
  Pick<Webhook, 'url' | 'secret' | 'orgUnitId' | 'ownerUserId'> & {
    webhookStatus: Webhook['status'];
  };

@Injectable()
export class WebhooksRepository {
  async insert(
    em: EntityManager,
    fields: Pick<Webhook, 'orgUnitId' | 'url' | 'events' | 'secret' | 'ownerUserId'>,
  ): Promise<Webhook> {
    const [{ id }]: { id: string }[] = await em.query(
      `INSERT INTO webhooks (org_unit_id, url, events, secret, owner_user_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [fields.orgUnitId, fields.url, fields.events, fields.secret, fields.ownerUserId],
    );
    return (await this.find(em, id))!;
  }

  /** A webhook not deleted; `lock` when the use case changes it. */
  async find(em: EntityManager, id: string, { lock = false } = {}): Promise<Webhook | null> {
    const [row]: Webhook[] = await em.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks w WHERE w.id = $1 AND w.status <> 'deleted'${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row ?? null;
  }

  /** Webhooks not deleted, oldest first, of units under `scopeUnits` (null: everywhere), after the cursor. */
  page(
    em: EntityManager,
    scopeUnits: string[] | null,
    after: { createdAt: string; id: string } | null,
    limit: number,
  ): Promise<Webhook[]> {
    const params: unknown[] = [limit];
    const where = [`w.status <> 'deleted'`];
    if (scopeUnits) where.push(unitUnderAny('w.org_unit_id', `$${params.push(scopeUnits)}::uuid[]`));
    if (after) where.push(`(w.created_at, w.id) > ($${params.push(after.createdAt)}, $${params.push(after.id)})`);
    return em.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks w WHERE ${where.join(' AND ')} ORDER BY w.created_at, w.id LIMIT $1`,
      params,
    );
  }

  async markDeleted(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE webhooks SET status = 'deleted', deleted_at = now(), updated_at = now() WHERE id = $1`, [
      id,
    ]);
    await this.cancelPending(em, id);
  }

  /** The webhook's log, newest first, before the cursor. */
  attempts(em: EntityManager, webhookId: string, beforeSeq: string | null, limit: number): Promise<AttemptRow[]> {
    const params: unknown[] = [webhookId, limit];
    const before = beforeSeq ? ` AND a.seq < $${params.push(beforeSeq)}` : '';
    return em.query(
      `SELECT ${ATTEMPT_COLUMNS} FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
        WHERE a.webhook_id = $1${before} ORDER BY a.seq DESC LIMIT $2`,
      params,
    );
  }

  /** The event's class unit and codes (a read join: webhooks never write those tables); null for an unknown class. */
  async placeOf(em: EntityManager, classId: string, enrollmentId: string | null): Promise<EventPlace | null> {
    const [row]: EventPlace[] = await em.query(
      `SELECT ou.id AS "orgUnitId", ou.code AS "orgUnitCode", c.code AS "classCode", e.user_id AS "userId"
         FROM classes c JOIN org_units ou ON ou.id = c.org_unit_id
         LEFT JOIN enrollments e ON e.id = $2 AND e.class_id = c.id
        WHERE c.id = $1`,
      [classId, enrollmentId],
    );
    return row ?? null;
  }

  /**
   * Writes one pending delivery per active webhook subscribed to `type` whose unit's subtree holds
   * `orgUnitId`; an event already fanned out adds none. Answers the new deliveries' ids.
   */
  async fanOut(
    em: EntityManager,
    type: WebhookEvent,
    orgUnitId: string,
    sourceEventId: string,
    body: Record<string, unknown>,
  ): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO webhook_deliveries (webhook_id, source_event_id, type, body)
       SELECT w.id, $3, $1, $4 FROM webhooks w JOIN org_units owner ON owner.id = w.org_unit_id
        WHERE w.status = 'active' AND $1 = ANY (w.events)
          AND EXISTS (SELECT 1 FROM org_units inside WHERE inside.id = $2
                       AND ${inSubtreeOf('inside.rollup_path', 'owner.rollup_path')})
       ON CONFLICT (webhook_id, source_event_id) DO NOTHING RETURNING id`,
      [type, orgUnitId, sourceEventId, body],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The delivery, locked, and its webhook (not locked: deliveries of one webhook go out side by side);
   * null once it is no longer pending.
   */
  async pendingDelivery(em: EntityManager, id: string): Promise<DeliveryToSend | null> {
    const [row]: DeliveryToSend[] = await em.query(
      `SELECT d.id, d.webhook_id AS "webhookId", d.source_event_id AS "sourceEventId", d.type, d.body, d.status,
              d.attempts, d.created_at AS "createdAt", w.url, w.secret, w.org_unit_id AS "orgUnitId",
              w.owner_user_id AS "ownerUserId", w.status AS "webhookStatus"
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.id = $1 AND d.status = 'pending' FOR UPDATE OF d`,
      [id],
    );
    return row ?? null;
  }

  async recordAttempt(
    em: EntityManager,
    attempt: Pick<
      WebhookDeliveryAttempt,
      'deliveryId' | 'webhookId' | 'attempt' | 'statusCode' | 'durationMs' | 'error'
    >,
  ): Promise<void> {
    await em.query(
      `INSERT INTO webhook_delivery_attempts (delivery_id, webhook_id, attempt, status_code, duration_ms, error)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [attempt.deliveryId, attempt.webhookId, attempt.attempt, attempt.statusCode, attempt.durationMs, attempt.error],
    );
    await em.query(`UPDATE webhook_deliveries SET attempts = $2 WHERE id = $1`, [attempt.deliveryId, attempt.attempt]);
  }

  async setDeliveryStatus(em: EntityManager, id: string, status: DeliveryStatus): Promise<void> {
    await em.query(`UPDATE webhook_deliveries SET status = $2 WHERE id = $1`, [id, status]);
  }

  async resetFailures(em: EntityManager, webhookId: string): Promise<void> {
    await em.query(
      `UPDATE webhooks SET consecutive_failures = 0, updated_at = now() WHERE id = $1 AND consecutive_failures <> 0`,
      [webhookId],
    );
  }

  /** Counts one more failed delivery; answers the count in a row. */
  async addFailure(em: EntityManager, webhookId: string): Promise<number> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [[row]]: [{ failures: number }[], number] = await em.query(
      `UPDATE webhooks SET consecutive_failures = consecutive_failures + 1, updated_at = now()
        WHERE id = $1 RETURNING consecutive_failures AS failures`,
      [webhookId],
    );
    return row.failures;
  }

  /** Disables an active webhook and cancels its pending deliveries; false when it was not active. */
  async disable(em: EntityManager, webhookId: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await em.query(
      `UPDATE webhooks SET status = 'disabled', disabled_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'active'`,
      [webhookId],
    );
    await this.cancelPending(em, webhookId);
    return affected > 0;
  }

  /**
   * Deliveries being sent right now are locked by their jobs and skipped (waiting for them could
   * deadlock on the webhook row); their next attempt finds the webhook inactive and cancels itself.
   */
  private async cancelPending(em: EntityManager, webhookId: string): Promise<void> {
    await em.query(
      `UPDATE webhook_deliveries SET status = 'cancelled'
        WHERE id IN (SELECT id FROM webhook_deliveries WHERE webhook_id = $1 AND status = 'pending'
                       FOR UPDATE SKIP LOCKED)`,
      [webhookId],
    );
  }
}
