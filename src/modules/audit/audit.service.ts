import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { paginate, Page, PageQuery } from '../../common/pagination';
import type { Principal } from '../auth/auth.decorators';
import { AuditLogEntry } from './entities/audit-log-entry.entity';

export interface AuditEntry {
  action: string;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  orgUnitId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Who did it, as audit columns: a person or an API key. */
export function actorOf(principal: Principal): Pick<AuditEntry, 'actorUserId' | 'actorApiKeyId'> {
  return { actorUserId: principal.userId, actorApiKeyId: principal.apiKey?.id ?? null };
}

export interface AuditLogFilter extends PageQuery {
  action?: string;
  actorUserId?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an entry. Given the use case's transaction it is written (or rolled back) with it;
   * without one it commits on its own, for events whose request then fails (a refused login).
   */
  async record(em: EntityManager | undefined, entry: AuditEntry): Promise<void> {
    await (em ?? this.dataSource.manager).query(
      `INSERT INTO audit_log (action, actor_user_id, actor_api_key_id, target_type, target_id, org_unit_id, ip, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.action,
        entry.actorUserId ?? null,
        entry.actorApiKeyId ?? null,
        entry.targetType ?? null,
        entry.targetId ?? null,
        entry.orgUnitId ?? null,
        entry.ip ?? null,
        entry.details ?? {},
      ],
    );
  }

  /** Oldest first, in insertion order; `from` is inclusive, `to` exclusive. */
  async list(filter: AuditLogFilter): Promise<Page<AuditLogEntry>> {
    const qb = this.dataSource.getRepository(AuditLogEntry).createQueryBuilder('entry');
    if (filter.action) qb.andWhere('entry.action = :action', { action: filter.action });
    if (filter.actorUserId) qb.andWhere('entry.actor_user_id = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.targetId) qb.andWhere('entry.target_id = :targetId', { targetId: filter.targetId });
    if (filter.from) qb.andWhere('entry.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('entry.occurred_at < :to', { to: filter.to });
    return paginate(qb, filter, [{ column: 'entry.seq', property: 'seq' }]);
  }
}
