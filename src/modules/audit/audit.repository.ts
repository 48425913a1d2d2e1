import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { paginate, Page } from '../../common/pagination';
import type { AuditEntry, AuditLogFilter } from './audit.service';
import { AuditLogEntry } from './entities/audit-log-entry.entity';

/** The audit_log table: appended to, never changed. */
@Injectable()
export class AuditRepository {
  async append(em: EntityManager, entry: AuditEntry): Promise<void> {
    await em.query(
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
  page(em: EntityManager, filter: AuditLogFilter): Promise<Page<AuditLogEntry>> {
    const qb = em.getRepository(AuditLogEntry).createQueryBuilder('entry');
    if (filter.action) qb.andWhere('entry.action = :action', { action: filter.action });
    if (filter.actorUserId) qb.andWhere('entry.actor_user_id = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.targetId) qb.andWhere('entry.target_id = :targetId', { targetId: filter.targetId });
    if (filter.from) qb.andWhere('entry.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('entry.occurred_at < :to', { to: filter.to });
    return paginate(qb, filter, [{ column: 'entry.seq', property: 'seq' }]);
  }
}
