import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page, PageQuery } from '../../common/pagination';
import { resolvePublicUrl, UnsafeUrlError } from '../../common/ssrf';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { AccessService } from '../access/access.service';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { permissionScope } from '../auth/permissions';
import { OrgUnitsService } from '../org-units/org-units.service';
import { CreatedWebhook, CreateWebhookRequest, DeliveryAttemptView, WebhookView } from './dto/webhook.dto';
import type { Webhook } from './entities/webhook.entity';
import { newWebhookSecret } from './webhook-secret';
import { ownerUnitRequired, unsafeWebhookUrl, webhookNotFound } from './webhooks.errors';
import { WebhooksRepository } from './webhooks.repository';

const PERMISSION = 'webhooks.manage';

/**
 * Webhooks as their units' admins manage them: created for a unit in the caller's scope (another
 * unit's webhook is 404), listed, deleted (kept, with its deliveries, as `deleted`), and each one's
 * deliveries log. The secret is stored as given, since signing needs it, and answered only once.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly access: AccessService,
    private readonly orgUnits: OrgUnitsService,
    private readonly audit: AuditService,
    private readonly transactions: Transactions,
    private readonly env: Environment,
  ) {}

  async create(principal: Principal, request: CreateWebhookRequest): Promise<CreatedWebhook> {
    try {
      await resolvePublicUrl(request.url, { allowPrivate: this.env.WEBHOOK_ALLOW_PRIVATE === 'true' });
    } catch (error) {
      if (error instanceof UnsafeUrlError) throw unsafeWebhookUrl(error.message);
      throw error;
    }
    return this.transactions.run(async (em) => {
      const orgUnitId = request.orgUnitId ?? (await this.defaultUnit(em, principal));
      await this.access.requireUnit(principal, PERMISSION, orgUnitId, { em });
      await this.orgUnits.assertActive(em, orgUnitId);
      const secret = request.secret ?? newWebhookSecret();
      const webhook = await this.webhooks.insert(em, {
        orgUnitId,
        url: request.url,
        events: request.events,
        secret,
        ownerUserId: principal.userId,
      });
      await this.record(em, principal, 'webhook.created', webhook);
      return { ...view(webhook), secret };
    });
  }

  async list(principal: Principal, query: PageQuery): Promise<Page<WebhookView>> {
    const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
    const rows = await this.webhooks.page(
      this.transactions.manager,
      permissionScope(principal, PERMISSION),
      after ? { createdAt: String(after[0]), id: String(after[1]) } : null,
      query.limit + 1,
    );
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(view),
      nextCursor: rows.length > query.limit ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  /** Stops every delivery of the webhook; it and its log are kept. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.transactions.run(async (em) => {
      const webhook = await this.manageable(em, principal, id, { lock: true });
      await this.webhooks.markDeleted(em, id);
      await this.record(em, principal, 'webhook.deleted', webhook);
    });
  }

  /** The webhook's attempts, newest first. */
  async deliveries(principal: Principal, id: string, query: PageQuery): Promise<Page<DeliveryAttemptView>> {
    const em = this.transactions.manager;
    await this.manageable(em, principal, id);
    const before = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : null;
    const rows = await this.webhooks.attempts(em, id, before, query.limit + 1);
    const items = rows.slice(0, query.limit);
    return {
      items: items.map(({ seq, webhookId: _, ...attempt }) => ({ id: seq, ...attempt })),
      nextCursor: rows.length > query.limit ? encodeCursor([items[items.length - 1].seq]) : null,
    };
  }

  private async manageable(
    em: EntityManager,
    principal: Principal,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<Webhook> {
    const webhook = await this.webhooks.find(em, id, options);
    if (!webhook || !(await this.access.coversUnit(principal, PERMISSION, webhook.orgUnitId, { em }))) {
      throw webhookNotFound();
    }
    return webhook;
  }

  /** The unit where the caller manages webhooks, when there is one; a system admin's is the root. */
  private async defaultUnit(em: EntityManager, principal: Principal): Promise<string> {
    const units = permissionScope(principal, PERMISSION);
    const unit = units === null ? await this.orgUnits.firstRoot(em) : units.length === 1 ? units[0] : null;
    if (!unit) throw ownerUnitRequired();
    return unit;
  }

  private async record(em: EntityManager, principal: Principal, action: string, webhook: Webhook): Promise<void> {
    await this.audit.record(em, {
      action,
      ...actorOf(principal),
      targetType: 'webhook',
      targetId: webhook.id,
      orgUnitId: webhook.orgUnitId,
      details: { url: webhook.url, events: webhook.events },
    });
  }
}

function view(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    orgUnitId: webhook.orgUnitId,
    url: webhook.url,
    events: webhook.events,
    status: webhook.status,
    consecutiveFailures: webhook.consecutiveFailures,
    disabledAt: webhook.disabledAt,
    createdAt: webhook.createdAt,
  };
}
