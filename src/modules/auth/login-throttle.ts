import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { withTimeout } from '../../common/timeout';
import { Environment } from '../../config/environment';
import { RedisConnections } from '../../queue/redis-connections';

/** A dead Redis must cost a login no more than this. */
const REDIS_TIMEOUT_MS = 1000;

/**
 * Sliding-window rule over failure times (ms): with `maxFailures` of them inside the window, the
 * caller waits until the oldest of the last `maxFailures` leaves it. Answers whole seconds to wait,
 * 0 when the caller may try.
 */
export function secondsUntilAllowed(
  failures: readonly number[],
  nowMs: number,
  windowMs: number,
  maxFailures: number,
): number {
  const inWindow = failures.filter((at) => at > nowMs - windowMs).sort((a, b) => a - b);
  if (inWindow.length < maxFailures) return 0;
  const freeAt = inWindow[inWindow.length - maxFailures] + windowMs;
  return Math.max(1, Math.ceil((freeAt - nowMs) / 1000));
}

/** Username as the login compares it, so `Admin` and `admin` share one counter. */
export const throttleUsername = (username: string) => username.normalize('NFC').toLowerCase();

/**
 * Failed logins per username and per client IP, as sorted sets of failure times in Redis so every
 * API process sees the same counts. Fails open: when Redis is unreachable, logins go unthrottled
 * (with a warning) rather than failing, since the password check still protects the account.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private degraded = false;

  constructor(
    private readonly redis: RedisConnections,
    private readonly env: Environment,
  ) {}

  /** Seconds the caller must wait before trying again; 0 when it may try now. */
  async secondsToWait(username: string, ip: string): Promise<number> {
    const now = Date.now();
    const windowMs = this.windowMs();
    const wait = await this.run('check', async () => {
      const batch = this.redis.client.multi();
      for (const key of [this.userKey(username), this.ipKey(ip)]) {
        batch.zrangebyscore(key, `(${now - windowMs}`, '+inf', 'WITHSCORES');
      }
      const waits = (await batch.exec())!.map(([error, flat]) => {
        if (error) throw error;
        const times = (flat as string[]).filter((_, i) => i % 2 === 1).map(Number);
        return secondsUntilAllowed(times, now, windowMs, this.env.LOGIN_MAX_FAILURES);
      });
      return Math.max(...waits);
    });
    return wait ?? 0;
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const now = Date.now();
    const windowMs = this.windowMs();
    await this.run('record', () => {
      const batch = this.redis.client.multi();
      for (const key of [this.userKey(username), this.ipKey(ip)]) {
        batch.zadd(key, now, `${now}:${randomBytes(4).toString('hex')}`);
        batch.zremrangebyscore(key, '-inf', now - windowMs);
        // Only the newest `max` failures decide anything; older ones would only use memory.
        batch.zremrangebyrank(key, 0, -(this.env.LOGIN_MAX_FAILURES + 1));
        batch.pexpire(key, windowMs);
      }
      return batch.exec();
    });
  }

  /** After a successful login; the IP's count stays, or one good account would unlock guessing others. */
  async clearUsername(username: string): Promise<void> {
    await this.run('clear', () => this.redis.client.del(this.userKey(username)));
  }

  private userKey(username: string): string {
    return `${this.env.QUEUE_PREFIX}:login-failures:user:${throttleUsername(username)}`;
  }

  private ipKey(ip: string): string {
    return `${this.env.QUEUE_PREFIX}:login-failures:ip:${ip}`;
  }

  private windowMs(): number {
    return this.env.LOGIN_WINDOW_SECONDS * 1000;
  }

  private async run<T>(what: string, command: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await withTimeout(command(), REDIS_TIMEOUT_MS, `login throttle ${what}`);
      this.degraded = false;
      return result;
    } catch (error) {
      if (!this.degraded) {
        this.logger.warn(`Login throttle off while Redis fails (${(error as Error).message}); logins are not limited`);
      }
      this.degraded = true;
      return undefined;
    }
  }
}
