import { Injectable, Logger } from '@nestjs/common';
import { withTimeout } from '../../common/timeout';
import { Environment } from '../../config/environment';
import { RedisConnections } from '../../queue/redis-connections';

/** A dead Redis must cost a verification no more than this. */
const REDIS_TIMEOUT_MS = 500;
const WINDOW_SECONDS = 60;

/**
 * Verifications per client address per minute, counted in Redis so every API process shares the
 * count. Fails open: the page shows only what the code's holder may see anyway.
 */
@Injectable()
export class VerifyRateLimit {
  private readonly logger = new Logger(VerifyRateLimit.name);
  private degraded = false;

  constructor(
    private readonly redis: RedisConnections,
    private readonly env: Environment,
  ) {}

  /** Seconds the client must wait; 0 when it may verify now (and the attempt is counted). */
  async secondsToWait(ip: string): Promise<number> {
    const window = Math.floor(Date.now() / 1000 / WINDOW_SECONDS);
    const key = `${this.env.QUEUE_PREFIX}:verify:${ip}:${window}`;
    try {
      const [[, count]] = (await withTimeout(
        this.redis.client.multi().incr(key).expire(key, WINDOW_SECONDS).exec(),
        REDIS_TIMEOUT_MS,
        'verify rate limit',
      ))! as [[Error | null, number]];
      this.degraded = false;
      if (count <= this.env.VERIFY_RATE_LIMIT_PER_MINUTE) return 0;
      return (window + 1) * WINDOW_SECONDS - Math.floor(Date.now() / 1000);
    } catch (error) {
      if (!this.degraded) this.logger.warn(`Verify rate limit off while Redis fails (${(error as Error).message})`);
      this.degraded = true;
      return 0;
    }
  }
}
