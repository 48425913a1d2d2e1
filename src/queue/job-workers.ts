import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { BatchJobHandlerMethod, JOB_BATCH, JOB_HANDLER, JobHandlerMethod } from './job-handler.decorator';
import { JobRegistry } from './job-registry';
import type { OutboxBatchJobData, OutboxJobData } from './outbox-relay';
import { RedisConnections } from './redis-connections';

export class JobHandlerConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Worker cannot start: ${problems.join('; ')}`);
    this.name = 'JobHandlerConfigError';
  }
}

const MAX_ERROR_LENGTH = 2000;

interface ResolvedHandler {
  /** Handles the payloads of one or more outbox events (a single handler gets exactly one). */
  run: BatchJobHandlerMethod;
  batch: boolean;
}

/**
 * Runs the BullMQ workers of the `worker` role. Each job runs its handler inside a transaction that
 * locks the job's outbox event and marks it done, so a job retried after a crash, or delivered
 * twice, has its effect once.
 */
@Injectable()
export class JobWorkers {
  private readonly logger = new Logger(JobWorkers.name);
  private readonly handlers = new Map<string, ResolvedHandler>();
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly registry: JobRegistry,
    private readonly redis: RedisConnections,
    private readonly env: Environment,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Finds every `@JobHandler` and checks the declarations (no name twice, no unknown topic) and that
   * each declared job has exactly one handler, of the right kind.
   */
  resolveHandlers(): Map<string, ResolvedHandler> {
    const found = new Map<string, string[]>();
    this.handlers.clear();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method] as (...args: never[]) => Promise<unknown>;
        const name = this.reflector.get<string | undefined>(JOB_HANDLER, fn);
        if (!name) continue;
        found.set(name, [...(found.get(name) ?? []), `${wrapper.name as string}.${method}`]);
        const bound = fn.bind(instance) as BatchJobHandlerMethod & JobHandlerMethod;
        this.handlers.set(
          name,
          this.reflector.get<boolean | undefined>(JOB_BATCH, fn)
            ? { run: bound, batch: true }
            : { run: (payloads, context) => bound(payloads[0], context), batch: false },
        );
      }
    }
    const problems = this.registry.problems();
    const declared = new Map(this.registry.all().map((d) => [d.name, d]));
    for (const [name, definition] of declared) {
      const where = found.get(name) ?? [];
      if (where.length === 0) problems.push(`job "${name}" has no handler`);
      if (where.length > 1) problems.push(`job "${name}" has ${where.length} handlers (${where.join(', ')})`);
      const handler = this.handlers.get(name);
      if (handler && handler.batch !== !!definition.batch) {
        problems.push(
          definition.batch
            ? `job "${name}" is declared with batch but ${where.join(', ')} is not a @BatchJobHandler`
            : `job "${name}" has a @BatchJobHandler (${where.join(', ')}) but is not declared with batch`,
        );
      }
    }
    for (const [name, where] of found) {
      if (!declared.has(name)) problems.push(`handler ${where.join(', ')} is for undeclared job "${name}"`);
    }
    if (problems.length > 0) throw new JobHandlerConfigError(problems);
    return this.handlers;
  }

  start(): void {
    this.resolveHandlers();
    for (const queue of this.registry.queuesInUse()) {
      const worker = new Worker(queue, (job: Job) => this.process(job), {
        connection: this.redis.forWorker(),
        prefix: this.env.QUEUE_PREFIX,
        concurrency: this.env.WORKER_CONCURRENCY,
        lockDuration: this.env.JOB_LOCK_MS,
        stalledInterval: this.env.JOB_LOCK_MS,
        autorun: true,
      });
      worker.on('error', () => undefined); // connection errors are logged once by RedisConnections
      worker.on('failed', (job, error) =>
        this.logger.warn(`Job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
      );
      this.workers.push(worker);
    }
    this.logger.log(`Workers started for queues: ${this.registry.queuesInUse().join(', ') || '(none)'}`);
  }

  /**
   * Stops taking jobs and waits for running ones up to `timeoutMs`; what is still running after that
   * is abandoned, and BullMQ hands it to another worker once its lock expires.
   */
  async stop(timeoutMs: number): Promise<void> {
    const graceful = Promise.all(this.workers.map((w) => w.close()));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      graceful.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.logger.warn(`Jobs still running after ${timeoutMs} ms; leaving them to be retried`);
      await Promise.all(this.workers.map((w) => w.close(true)));
    }
    this.workers.length = 0;
  }

  private async process(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    const attempt = job.attemptsMade + 1;
    const data = job.data as Partial<OutboxJobData & OutboxBatchJobData>;
    if (data.events) return this.processEvents(job, handler.run, data.events, attempt);
    if (data.outboxId) return this.processEvents(job, handler.run, [data as OutboxJobData], attempt);
    // Scheduled jobs carry no outbox event: the handler's own writes are its idempotency.
    await this.dataSource.transaction((em) => handler.run([job.data as Record<string, unknown>], { em, job, attempt }));
  }

  /**
   * Handles a job's events in one transaction. When a batch fails, each event is tried alone, so one
   * bad event is retried (and finally dead) on its own while the others are done.
   */
  private async processEvents(
    job: Job,
    run: BatchJobHandlerMethod,
    events: OutboxJobData[],
    attempt: number,
  ): Promise<void> {
    const final = attempt >= (job.opts.attempts ?? 1);
    try {
      await this.handleEvents(job, run, events, attempt);
      return;
    } catch (error) {
      if (events.length === 1) {
        await this.recordFailure(events[0], attempt, error, final);
        throw error;
      }
    }
    let failed = 0;
    let first: unknown;
    for (const event of events) {
      try {
        await this.handleEvents(job, run, [event], attempt);
      } catch (error) {
        failed++;
        first ??= error;
        await this.recordFailure(event, attempt, error, final);
      }
    }
    if (failed > 0) throw new Error(`${failed} of ${events.length} events failed: ${(first as Error)?.message}`);
  }

  private async handleEvents(
    job: Job,
    run: BatchJobHandlerMethod,
    events: OutboxJobData[],
    attempt: number,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const rows: { id: string; status: string; generation: number }[] = await em.query(
        `SELECT id, status, generation FROM outbox_events WHERE id = ANY($1) ORDER BY id FOR UPDATE`,
        [events.map((e) => e.outboxId)],
      );
      // Already handled (a duplicate delivery) or superseded by an admin retry: nothing to do.
      const live = events.filter((e) =>
        rows.some((r) => r.id === e.outboxId && r.status !== 'done' && r.generation === e.generation),
      );
      if (live.length === 0) return;
      await run(
        live.map((e) => e.payload ?? {}),
        { em, job, attempt },
      );
      await em.query(
        `UPDATE outbox_events SET status = 'done', attempts = $2, last_error = NULL,
                processed_at = now(), updated_at = now() WHERE id = ANY($1)`,
        [live.map((e) => e.outboxId), attempt],
      );
    });
  }

  private async recordFailure(event: OutboxJobData, attempt: number, error: unknown, final: boolean): Promise<void> {
    const message = String((error as Error)?.stack ?? error).slice(0, MAX_ERROR_LENGTH);
    await this.dataSource
      .query(
        `UPDATE outbox_events SET attempts = $3, last_error = $4, updated_at = now(),
                status = CASE WHEN $5 THEN 'dead' ELSE status END
          WHERE id = $1 AND generation = $2 AND status <> 'done'`,
        [event.outboxId, event.generation, attempt, message, final],
      )
      .catch((dbError: Error) =>
        this.logger.error(`Could not record failure of ${event.outboxId}: ${dbError.message}`),
      );
    if (final) this.logger.error(`Outbox event ${event.outboxId} is dead after ${attempt} attempts`);
  }
}
