import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { paginate, Page, PageQuery } from '../common/pagination';
import { notFound, ProblemException } from '../common/problem';
import { JobRegistry } from './job-registry';
import { OutboxEvent, OutboxStatus } from './outbox-event.entity';

export interface PublishOptions {
  /** Store the event once per key: a retried request adds no second event. */
  dedupeKey?: string;
  /** Do not relay before this time (reminders, deadlines). */
  availableAt?: Date;
}

@Injectable()
export class OutboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
  ) {}

  /**
   * Records a side effect in the caller's transaction; the relay delivers it once that transaction
   * commits, even if Redis is down right now.
   */
  async publish(
    em: EntityManager,
    topic: string,
    payload: Record<string, unknown>,
    options: PublishOptions = {},
  ): Promise<void> {
    this.registry.get(topic);
    await em.query(
      `INSERT INTO outbox_events (topic, payload, dedupe_key, available_at)
       VALUES ($1, $2, $3, coalesce($4, now()))
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [topic, payload, options.dedupeKey ?? null, options.availableAt ?? null],
    );
  }

  /** Many events of one topic in one statement, for bulk writers such as imports; no dedupe keys. */
  async publishMany(em: EntityManager, topic: string, payloads: Record<string, unknown>[]): Promise<void> {
    this.registry.get(topic);
    if (payloads.length === 0) return;
    await em.query(`INSERT INTO outbox_events (topic, payload) SELECT $1, p FROM unnest($2::jsonb[]) AS p`, [
      topic,
      payloads.map((payload) => JSON.stringify(payload)),
    ]);
  }

  async list(query: PageQuery & { status?: OutboxStatus; topic?: string }): Promise<Page<OutboxEvent>> {
    const qb = this.dataSource.getRepository(OutboxEvent).createQueryBuilder('event');
    if (query.status) qb.andWhere('event.status = :status', { status: query.status });
    if (query.topic) qb.andWhere('event.topic = :topic', { topic: query.topic });
    return paginate(qb, query, [{ column: 'event.seq', property: 'seq' }]);
  }

  async get(id: string): Promise<OutboxEvent> {
    const event = await this.dataSource.getRepository(OutboxEvent).findOneBy({ id });
    if (!event) throw notFound();
    return event;
  }

  /** Sends a dead event again as a new generation (a new job id), with a fresh set of attempts. */
  async retry(id: string): Promise<OutboxEvent> {
    return this.dataSource.transaction(async (em) => {
      const event = await em.findOne(OutboxEvent, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!event) throw notFound();
      if (event.status !== 'dead') {
        throw new ProblemException(HttpStatus.CONFLICT, {
          code: 'outbox_event_not_dead',
          detail: `Chỉ gửi lại được sự kiện ở trạng thái dead; sự kiện này đang ở trạng thái ${event.status}.`,
        });
      }
      await em.update(OutboxEvent, id, {
        status: 'pending',
        generation: event.generation + 1,
        attempts: 0,
        availableAt: () => 'now()',
        jobId: null,
        enqueuedAt: null,
      });
      return em.findOneByOrFail(OutboxEvent, { id });
    });
  }

  /** Events not yet handled, by status: the outbox backlog metric. */
  async backlog(): Promise<Record<Exclude<OutboxStatus, 'done'>, number>> {
    const rows: { status: OutboxStatus; count: string }[] = await this.dataSource.query(
      `SELECT status, count(*) AS count FROM outbox_events WHERE status <> 'done' GROUP BY status`,
    );
    const out = { pending: 0, enqueued: 0, dead: 0 };
    for (const row of rows) if (row.status !== 'done') out[row.status] = Number(row.count);
    return out;
  }
}
