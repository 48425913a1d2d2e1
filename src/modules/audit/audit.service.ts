import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page, PageQuery } from '../../common/pagination';
import { Transactions } from '../../database/transactions';
import type { Principal } from '../auth/auth.decorators';
import { AuditRepository } from './audit.repository';
import type { AuditLogEntry } from './entities/audit-log-entry.entity';

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
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: AuditRepository,
  ) {}

  /**
   * Appends an entry. Given the use case's transaction it is written (or rolled back) with it;
   * without one it commits on its own, for events whose request then fails (a refused login).
   */
  async record(em: EntityManager | undefined, entry: AuditEntry): Promise<void> {
    await this.repository.append(em ?? this.transactions.manager, entry);
  }

  /** Oldest first, in insertion order; `from` is inclusive, `to` exclusive. On the replica when there is one. */
  async list(filter: AuditLogFilter): Promise<Page<AuditLogEntry>> {
    return this.transactions.read((em) => this.repository.page(em, filter));
  }
}
