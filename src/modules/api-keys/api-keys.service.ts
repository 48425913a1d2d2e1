import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Page, PageQuery } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { Transactions } from '../../database/transactions';
import { normalizeName } from '../../common/vietnamese';
import { AccessService } from '../access/access.service';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { OrgUnitsService } from '../org-units/org-units.service';
import { ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from './dto/api-key.dto';
import { ApiKeysRepository } from './api-keys.repository';
import type { ApiKey } from './entities/api-key.entity';

/** `lyl_<12 hex>_<32 base64url>`: the first part is looked up, the whole is compared by hash. */
const KEY_FORMAT = /^(lyl_[0-9a-f]{12})_[A-Za-z0-9_-]{32}$/;
/** last_used_at is a hint for admins, not an audit trail: one write per key per minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: ApiKeysRepository,
    private readonly access: AccessService,
    private readonly orgUnits: OrgUnitsService,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    return this.transactions.run(async (em) => {
      await this.access.requireUnit(principal, 'api_keys.manage', request.orgUnitId, { em });
      await this.orgUnits.assertActive(em, request.orgUnitId);
      const prefix = `lyl_${randomBytes(6).toString('hex')}`;
      const key = `${prefix}_${randomBytes(24).toString('base64url')}`;
      const id = await this.repository.create(em, {
        name: normalizeName(request.name),
        prefix,
        keyHash: sha256(key).toString('hex'),
        scopes: request.scopes,
        orgUnitId: request.orgUnitId,
        createdByUserId: principal.userId,
      });
      await this.audit.record(em, {
        action: 'api_key.created',
        ...actorOf(principal),
        targetType: 'api_key',
        targetId: id,
        orgUnitId: request.orgUnitId,
        details: { prefix, scopes: request.scopes },
      });
      return { ...ApiKeyView.from(await this.repository.findById(em, id)), key };
    });
  }

  async list(principal: Principal, query: PageQuery): Promise<Page<ApiKey>> {
    return this.repository.page(this.transactions.manager, query, (qb) =>
      this.access.restrictToScope(qb, principal, 'api_keys.manage', 'key.orgUnitId'),
    );
  }

  /** Revoking is final and idempotent; the key stays listed with its revocation time. */
  async revoke(principal: Principal, id: string): Promise<void> {
    await this.transactions.run(async (em) => {
      const key = await this.repository.findForUpdate(em, id);
      if (!key) throw notFound();
      await this.access.requireUnit(principal, 'api_keys.manage', key.orgUnitId, { em });
      if (key.revokedAt) return;
      await this.repository.revoke(em, id, new Date());
      await this.audit.record(em, {
        action: 'api_key.revoked',
        ...actorOf(principal),
        targetType: 'api_key',
        targetId: id,
        orgUnitId: key.orgUnitId,
        details: { prefix: key.prefix },
      });
    });
  }

  /** The principal a presented key stands for, or null for anything unknown, malformed or revoked. */
  async authenticate(presented: string): Promise<Principal | null> {
    const prefix = KEY_FORMAT.exec(presented)?.[1];
    if (!prefix) return null;
    const key = await this.repository.findByPrefixWithHash(this.transactions.manager, prefix);
    if (!key || key.revokedAt || !timingSafeEqual(Buffer.from(key.keyHash, 'hex'), sha256(presented))) return null;
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.repository.touchLastUsed(this.transactions.manager, key.id, new Date());
    }
    return {
      userId: null,
      username: `api-key:${key.prefix}`,
      roles: [],
      apiKey: { id: key.id, scopes: key.scopes, orgUnitId: key.orgUnitId },
    };
  }
}
