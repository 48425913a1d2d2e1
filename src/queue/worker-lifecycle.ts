import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Environment } from '../config/environment';
import { JobWorkers } from './job-workers';
import { OutboxRelay } from './outbox-relay';
import { JobRegistry } from './job-registry';
import { QueueService } from './queue.service';

/** Starts the worker role's parts after boot and drains them first on shutdown. */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerLifecycle.name);
  private started = false;

  constructor(
    private readonly env: Environment,
    private readonly workers: JobWorkers,
    private readonly relay: OutboxRelay,
    private readonly queues: QueueService,
    private readonly registry: JobRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.PROCESS_ROLE === 'api') return;
    this.workers.start();
    // Upserting is idempotent: every worker declares the same schedulers, Redis keeps one of each.
    for (const job of this.registry.scheduled()) {
      await this.queues
        .queue(job.queue)
        .upsertJobScheduler(
          job.name,
          { pattern: job.schedule, tz: this.env.DEFAULT_TIMEZONE },
          { name: job.name, data: {}, opts: this.queues.jobOptions(job.name) },
        );
    }
    this.relay.start();
    this.started = true;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.relay.stop();
    await this.workers.stop(this.env.SHUTDOWN_TIMEOUT_MS);
    this.logger.log('Workers stopped');
  }
}
