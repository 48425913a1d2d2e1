import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { paginate, Page, PageQuery } from '../common/pagination';
import { notFound } from '../common/problem';
import { outboxEventNotDead } from './outbox.errors';
import { JobRegistry } from './job-registry';
import { OutboxEvent, OutboxStatus } from './outbox-event.entity';
import { Topic, TopicPayloads } from './topics';

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
   * Records a fact in the caller's transaction: one row per subscriber of the topic, sharing one
   * event id, each delivered (and retried) on its own once that transaction commits, even if Redis
   * is down right now. A topic nobody subscribes to stores nothing.
   */
  async publish<T extends Topic>(
    em: EntityManager,
    topic: T,
    payload: TopicPayloads[T],
    options: PublishOptions = {},
  ): Promise<void> {
    const subscribers = this.registry.subscribersOf(topic);
    if (subscribers.length === 0) return;
    await em.query(
      `INSERT INTO outbox_events (event_id, topic, subscriber, payload, dedupe_key, available_at)
       SELECT $1, $2, s, $3, $4, coalesce($5, now()) FROM unnest($6::text[]) AS s
       ON CONFLICT (dedupe_key, subscriber) DO NOTHING`,
      [randomUUID(), topic, payload, options.dedupeKey ?? null, options.availableAt ?? null, subscribers],
    );
  }

  /**
   * Many events of one topic in one statement, for bulk writers such as imports and reminders; no
   * dedupe keys. `availableAt` holds them all until then.
   */
  async publishMany<T extends Topic>(
    em: EntityManager,
    topic: T,
    payloads: TopicPayloads[T][],
    options: Pick<PublishOptions, 'availableAt'> = {},
  ): Promise<void> {
    const subscribers = this.registry.subscribersOf(topic);
    if (payloads.length === 0 || subscribers.length === 0) return;
    await em.query(
      `INSERT INTO outbox_events (event_id, topic, subscriber, payload, available_at)
       SELECT e.id, $1, s, e.payload, coalesce($5, now())
         FROM unnest($2::uuid[], $3::jsonb[]) WITH ORDINALITY AS e(id, payload, n)
        CROSS JOIN unnest($4::text[]) AS s ORDER BY e.n`,
      [
        topic,
        payloads.map(() => randomUUID()),
        payloads.map((payload) => JSON.stringify(payload)),
        subscribers,
        options.availableAt ?? null,
      ],
    );
  }

  async list(
    query: PageQuery & { status?: OutboxStatus; topic?: string; subscriber?: string },
  ): Promise<Page<OutboxEvent>> {
    const qb = this.dataSource.getRepository(OutboxEvent).createQueryBuilder('event');
    if (query.status) qb.andWhere('event.status = :status', { status: query.status });
    if (query.topic) qb.andWhere('event.topic = :topic', { topic: query.topic });
    if (query.subscriber) qb.andWhere('event.subscriber = :subscriber', { subscriber: query.subscriber });
    return paginate(qb, query, [{ column: 'event.seq', property: 'seq' }]);
  }

  async get(id: string): Promise<OutboxEvent> {
    const event = await this.dataSource.getRepository(OutboxEvent).findOneBy({ id });
    if (!event) throw notFound();
    return event;
  }

  /** Sends a subscriber's dead event again as a new generation (a new job id), with a fresh set of attempts. */
  async retry(id: string): Promise<OutboxEvent> {
    return this.dataSource.transaction(async (em) => {
      const event = await em.findOne(OutboxEvent, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!event) throw notFound();
      if (event.status !== 'dead') throw outboxEventNotDead(event.status);
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

  /** Seconds the oldest due, not yet relayed event has waited: the relay's lag (0 when it keeps up). */
  async lagSeconds(): Promise<number> {
    const [row]: { lag: number | null }[] = await this.dataSource.query(
      `SELECT extract(epoch FROM now() - min(available_at))::float8 AS lag
         FROM outbox_events WHERE status = 'pending' AND available_at <= now()`,
    );
    return Math.max(0, row?.lag ?? 0);
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
