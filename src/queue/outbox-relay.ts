import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { withTimeout } from '../common/timeout';
import { Environment } from '../config/environment';
import { JobRegistry, QueueName } from './job-registry';
import { QueueService } from './queue.service';
import { RedisConnections } from './redis-connections';

interface DueRow {
  id: string;
  event_id: string;
  subscriber: string;
  payload: Record<string, unknown>;
  generation: number;
}

/** What a relayed job carries: the event's identity and its payload. */
export interface OutboxJobData {
  outboxId: string;
  generation: number;
  payload: Record<string, unknown>;
}

/** One BullMQ job to add: its id and the events it carries. */
interface PackedJob {
  id: string;
  rows: DueRow[];
}

/** What a job of a batched topic carries: several events, handled together. */
export interface OutboxBatchJobData {
  events: OutboxJobData[];
}

/**
 * Same event, subscriber and generation → same job id, so a relay that dies mid-batch never doubles
 * a job. BullMQ refuses ':' in custom ids; subscriber names use '.' and '-'.
 */
export const outboxJobId = (eventId: string, subscriber: string, generation: number) =>
  `outbox-${eventId}-${subscriber}-${generation}`;

/**
 * Same events → same job id. A relay that died before committing may pack other events next time;
 * an event then in two jobs is handled once, because the job locks its row and skips it when done.
 */
const batchJobId = (rows: DueRow[]) =>
  `outbox-batch-${rows[0].subscriber}-${createHash('sha256')
    .update(rows.map((r) => `${r.id}-${r.generation}`).join(','))
    .digest('hex')
    .slice(0, 40)}`;

const REDIS_TIMEOUT_MS = 5000;
const MAX_IDLE_BACKOFF_MS = 10_000;
/** An enqueued event whose job vanished (Redis lost its data) is sent again after this long. */
const RECONCILE_AFTER_MS = 5 * 60_000;
const RECONCILE_EVERY_MS = 60_000;
const RECONCILE_PAGE = 500;

const jobData = (row: DueRow): OutboxJobData => ({
  outboxId: row.id,
  generation: row.generation,
  payload: row.payload,
});

/**
 * Moves due outbox rows to BullMQ. Several relays may run (one per worker process): `FOR UPDATE
 * SKIP LOCKED` gives each row to one of them, and deterministic job ids make a repeat harmless.
 * While Redis is down the rows wait and the relay backs off.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private redisDown = false;
  private lastReconcile = 0;
  /** Set when the Redis connection is (re)made: the server may have restarted empty. */
  private reconnected = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: Environment,
    private readonly registry: JobRegistry,
    private readonly queues: QueueService,
    redis: RedisConnections,
  ) {
    // On every (re)connection, the first included: a Redis restarted without persistence has lost
    // every job, so check them all at once rather than leave the graders idle until the periodic
    // check finds events five minutes old.
    redis.client.on('ready', () => {
      this.reconnected = true;
      this.wake?.();
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let backoff = this.env.OUTBOX_POLL_MS;
    while (this.running) {
      let relayed = 0;
      try {
        if (this.reconnected) {
          this.reconnected = false;
          await this.reconcile(0);
        }
        relayed = await this.relayOnce();
        if (Date.now() - this.lastReconcile > RECONCILE_EVERY_MS) await this.reconcile();
        if (this.redisDown) this.logger.log('Outbox relay: Redis reachable again, relaying');
        this.redisDown = false;
        backoff = this.env.OUTBOX_POLL_MS;
      } catch (error) {
        if (!this.redisDown) {
          this.logger.warn(`Outbox relay paused: ${(error as Error).message}; events wait in the outbox`);
        }
        this.redisDown = true;
        backoff = Math.min(backoff * 2, MAX_IDLE_BACKOFF_MS);
      }
      if (relayed < this.env.OUTBOX_BATCH_SIZE || this.redisDown) await this.sleep(backoff);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One batch: lock due rows, add their jobs, mark them enqueued, all or nothing. Returns the count. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const due: DueRow[] = await em.query(
        `SELECT id, event_id, subscriber, payload, generation FROM outbox_events
          WHERE status = 'pending' AND available_at <= now()
          ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.env.OUTBOX_BATCH_SIZE],
      );
      if (due.length === 0) return 0;
      const rows = await this.buryUndeclared(em, due);
      const packed = this.pack(rows);
      const byQueue = new Map<QueueName, PackedJob[]>();
      for (const job of packed) {
        const queue = this.registry.get(job.rows[0].subscriber).queue;
        byQueue.set(queue, [...(byQueue.get(queue) ?? []), job]);
      }
      for (const [queue, jobs] of byQueue) {
        const bulk = jobs.map(({ id, rows: events }) => ({
          name: events[0].subscriber,
          data:
            events.length === 1 && !this.registry.subscriber(events[0].subscriber)!.batch
              ? jobData(events[0])
              : ({ events: events.map(jobData) } satisfies OutboxBatchJobData),
          opts: { ...this.queues.jobOptions(events[0].subscriber), jobId: id },
        }));
        await withTimeout(this.queues.queue(queue).addBulk(bulk), REDIS_TIMEOUT_MS, `Adding jobs to ${queue}`);
      }
      await em.query(
        `UPDATE outbox_events o SET status = 'enqueued', job_id = t.job_id, enqueued_at = now(), updated_at = now()
           FROM unnest($1::uuid[], $2::text[]) AS t(id, job_id) WHERE o.id = t.id`,
        [packed.flatMap((j) => j.rows.map((r) => r.id)), packed.flatMap((j) => j.rows.map(() => j.id))],
      );
      return due.length;
    });
  }

  /**
   * A row of a subscriber no feature declares any more (removed or renamed in a release) can never
   * run: it is marked dead with the reason, for an admin to see, instead of stalling the relay.
   */
  private async buryUndeclared(em: EntityManager, rows: DueRow[]): Promise<DueRow[]> {
    const orphans = rows.filter((r) => !this.registry.subscriber(r.subscriber));
    if (orphans.length === 0) return rows;
    await em.query(
      `UPDATE outbox_events SET status = 'dead', last_error = 'no subscriber of this name is declared',
              updated_at = now() WHERE id = ANY($1)`,
      [orphans.map((r) => r.id)],
    );
    this.logger.error(`Outbox relay: ${orphans.length} events of undeclared subscribers are dead`);
    return rows.filter((r) => !orphans.includes(r));
  }

  /** One job per row, except for batched subscribers, whose rows go in jobs of up to `batch` each. */
  private pack(rows: DueRow[]): PackedJob[] {
    const jobs: PackedJob[] = [];
    const open = new Map<string, DueRow[]>();
    for (const row of rows) {
      const size = this.registry.subscriber(row.subscriber)!.batch;
      if (!size) {
        jobs.push({ id: outboxJobId(row.event_id, row.subscriber, row.generation), rows: [row] });
        continue;
      }
      const current = open.get(row.subscriber) ?? [];
      current.push(row);
      open.set(row.subscriber, current);
      if (current.length >= size) {
        jobs.push({ id: batchJobId(current), rows: current });
        open.delete(row.subscriber);
      }
    }
    for (const current of open.values()) jobs.push({ id: batchJobId(current), rows: current });
    return jobs;
  }

  /**
   * Events marked enqueued at least `olderThanMs` ago whose job Redis no longer has (a Redis restart
   * without persistence) go back to pending, so nothing decided in a transaction is ever lost.
   * Returns how many did.
   */
  async reconcile(olderThanMs = RECONCILE_AFTER_MS): Promise<number> {
    this.lastReconcile = Date.now();
    let lost = 0;
    let after = '0';
    for (;;) {
      const page: (DueRow & { seq: string; job_id: string | null })[] = await this.dataSource.query(
        `SELECT id, seq, subscriber, generation, job_id FROM outbox_events
          WHERE status = 'enqueued' AND enqueued_at <= now() - make_interval(secs => $1) AND seq > $2
          ORDER BY seq LIMIT $3`,
        [olderThanMs / 1000, after, RECONCILE_PAGE],
      );
      lost += await this.requeueLost(page);
      if (page.length < RECONCILE_PAGE) break;
      after = page[page.length - 1].seq;
    }
    if (lost > 0) this.logger.warn(`Outbox relay: ${lost} enqueued events had lost their jobs; sending them again`);
    return lost;
  }

  private async requeueLost(rows: (DueRow & { job_id: string | null })[]): Promise<number> {
    const lost: string[] = [];
    // Events of one batch share their job: ask Redis once per job.
    const exists = new Map<string, boolean>();
    for (const row of rows) {
      const definition = this.registry.subscriber(row.subscriber);
      // No feature declares its subscriber any more: back to pending, where the relay marks it dead.
      if (!definition) {
        lost.push(row.id);
        continue;
      }
      const queue = this.queues.queue(definition.queue);
      if (row.job_id && !exists.has(row.job_id)) {
        exists.set(row.job_id, !!(await withTimeout(queue.getJob(row.job_id), REDIS_TIMEOUT_MS, 'getJob')));
      }
      if (!row.job_id || !exists.get(row.job_id)) lost.push(row.id);
    }
    if (lost.length === 0) return 0;
    await this.dataSource.query(
      `UPDATE outbox_events SET status = 'pending', updated_at = now() WHERE id = ANY($1) AND status = 'enqueued'`,
      [lost],
    );
    return lost.length;
  }
}
