import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { Environment } from '../config/environment';

/**
 * The process's Redis connections. Commands from requests and the relay fail fast while Redis is
 * down (no offline queue), so the API keeps answering and the outbox keeps the work; workers get
 * connections that wait and reconnect, as BullMQ requires.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnections.name);
  private readonly opened: Redis[] = [];
  readonly client: Redis;

  constructor(private readonly env: Environment) {
    this.client = this.open('client', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  }

  /** A connection for a BullMQ Worker: blocking commands, never gives up reconnecting. */
  forWorker(): Redis {
    return this.open('worker', { maxRetriesPerRequest: null, enableOfflineQueue: true });
  }

  private open(purpose: string, options: RedisOptions): Redis {
    const redis = new Redis(this.env.REDIS_URL, {
      connectTimeout: 5000,
      retryStrategy: (times) => Math.min(times * 200, 5000),
      ...options,
    });
    let down = false;
    redis.on('error', (error: Error) => {
      if (down) return;
      down = true;
      this.logger.warn(`Redis (${purpose}) connection lost: ${error.message}`);
    });
    redis.on('ready', () => {
      if (down) this.logger.log(`Redis (${purpose}) connection restored`);
      down = false;
    });
    this.opened.push(redis);
    return redis;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.opened.map((r) => r.quit().catch(() => r.disconnect())));
  }
}
