import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Environment } from '../config/environment';
import { JobWorkers } from './job-workers';
import { OutboxRelay } from './outbox-relay';
import { OUTBOX_PURGE_JOB } from './outbox-purge.handler';
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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.PROCESS_ROLE === 'api') return;
    this.workers.start();
    await this.queues
      .queue('system')
      .upsertJobScheduler(
        OUTBOX_PURGE_JOB,
        { pattern: '17 3 * * *', tz: 'Asia/Ho_Chi_Minh' },
        { name: OUTBOX_PURGE_JOB, data: {}, opts: this.queues.jobOptions(OUTBOX_PURGE_JOB) },
      );
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
