import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { Environment } from '../config/environment';
import { JobRegistry, QueueName } from './job-registry';
import { CLOSE_TIMEOUT_MS, RedisConnections } from './redis-connections';
import { settlesWithin, withTimeout } from '../common/timeout';

/** Producer side of BullMQ: one `Queue` per name, sharing the fail-fast client connection. */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly env: Environment,
    private readonly redis: RedisConnections,
    private readonly registry: JobRegistry,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis.client, prefix: this.env.QUEUE_PREFIX });
      queue.on('error', () => undefined); // connection errors are logged once by RedisConnections
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Retry policy of a declared job: attempts from its definition, exponential backoff. */
  jobOptions(name: string): JobsOptions {
    const definition = this.registry.get(name);
    return {
      attempts: definition.attempts ?? this.env.JOB_MAX_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.env.JOB_BACKOFF_MS },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 14 * 24 * 3600 },
    };
  }

  /** Waiting, active, delayed and failed jobs per queue in use, for metrics. */
  async depths(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = {};
    for (const name of this.registry.queuesInUse()) {
      out[name] = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
    }
    return out;
  }

  /**
   * Seconds the oldest waiting job of each queue has waited since it was due (a delayed job from its
   * delay's end): how far the workers are behind.
   */
  async lags(now = Date.now()): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const name of this.registry.queuesInUse()) {
      const [oldest] = await this.queue(name).getJobs(['wait', 'prioritized'], 0, 0, true);
      out[name] = oldest ? Math.max(0, (now - oldest.timestamp - (oldest.delay ?? 0)) / 1000) : 0;
    }
    return out;
  }

  /**
   * Closes each queue once its connection check has settled. BullMQ drops a queue's listeners on
   * close, so a check still running on the shared client (a start-up that failed a moment after the
   * queues were made, or Redis down) would then report its failure as an unhandled error; such a
   * queue is left open and its own error listener takes that report when the client is dropped.
   */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [...this.queues.values()].map(async (q) => {
        if (await settlesWithin(q.waitUntilReady(), CLOSE_TIMEOUT_MS))
          await withTimeout(q.close(), CLOSE_TIMEOUT_MS, 'close').catch(() => undefined);
      }),
    );
  }
}
