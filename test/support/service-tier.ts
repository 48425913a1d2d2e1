import type { Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JobContext } from '../../src/queue/job-handler.decorator';
import { FactRecorderModule } from './fact-recorder.module';
import { Factory } from './factory';
import { useTestApp } from './test-app';

export interface ServiceTier {
  /** A provider from the application's container, wired as in production. */
  get: <T>(type: Type<T>) => T;
  factory: Factory;
  /** One use case, one transaction, as a request or a job runs it. */
  transaction: <T>(work: (em: EntityManager) => Promise<T>) => Promise<T>;
  /** What a job handler is given, for calling a subscriber directly. */
  job: (em: EntityManager) => JobContext;
  query: <T = Record<string, unknown>>(sql: string, parameters?: unknown[]) => Promise<T[]>;
}

/**
 * The application on a database of this file's own, with no workers or relay (the `api` role):
 * nothing runs but what a spec calls, so published events stay in the outbox for it to read, also
 * the facts no feature subscribes to yet (the fact recorder subscribes to them).
 */
export function useServiceTier(): () => ServiceTier {
  const app = useTestApp({ env: { PROCESS_ROLE: 'api' }, extra: [FactRecorderModule] });
  let tier: ServiceTier | undefined;
  return () => {
    if (tier) return tier;
    const t = app();
    tier = {
      get: (type) => t.app.get(type),
      factory: new Factory(t.dataSource),
      transaction: (work) => t.dataSource.transaction(work),
      job: (em) => ({ em, attempt: 1 }) as JobContext,
      query: (sql, parameters) => t.dataSource.query(sql, parameters),
    };
    return tier;
  };
}
