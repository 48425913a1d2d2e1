import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { withTimeout } from '../common/timeout';
import { Environment } from '../config/environment';

/** How long closing waits on Redis before dropping the connection. */
export const CLOSE_TIMEOUT_MS = 2000;

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

  /** QUIT when Redis answers; a connection that is down (or hangs) is just dropped. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.opened.map(async (redis) => {
        if (redis.status !== 'ready') return redis.disconnect();
        await withTimeout(redis.quit(), CLOSE_TIMEOUT_MS, 'QUIT').catch(() => redis.disconnect());
      }),
    );
  }
}
