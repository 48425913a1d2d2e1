import { Injectable, Logger } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { RedisConnections } from '../../queue/redis-connections';

/** An ended session's mark outlives every access token it issued (15 minutes), with a margin. */
const MARK_TTL_SECONDS = 15 * 60 + 60;
/** Beyond this many sessions remembered, expired answers are dropped. */
const CACHE_PRUNE_AT = 10_000;

/**
 * Ended sessions (refresh token families), so their access tokens die with them: a mark per session
 * in Redis, written once the session ends (logout, password change, refresh-token reuse), read per
 * request with a local cache of SESSION_REVOCATION_CACHE_MS so a busy client costs one Redis read
 * per interval and no database round trip. A session that is ended never resumes, so a mark needs no
 * time and a revoked answer is cached for as long as the mark lives.
 *
 * Redis down: checks let tokens through (they expire within 15 minutes) rather than refuse everyone,
 * and a mark that could not be written is logged; refresh tokens are revoked in PostgreSQL anyway.
 */
@Injectable()
export class SessionRevocations {
  private readonly logger = new Logger(SessionRevocations.name);
  private readonly cache = new Map<string, { revoked: boolean; until: number }>();
  private readonly inFlight = new Map<string, Promise<boolean>>();
  private warned = false;

  constructor(
    private readonly redis: RedisConnections,
    private readonly env: Environment,
  ) {}

  async revoke(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const until = Date.now() + MARK_TTL_SECONDS * 1000;
    for (const id of sessionIds) this.cache.set(id, { revoked: true, until });
    try {
      const batch = this.redis.client.multi();
      for (const id of sessionIds) batch.set(this.key(id), '1', 'EX', MARK_TTL_SECONDS);
      await batch.exec();
    } catch (error) {
      this.logger.warn(
        `Could not mark ${sessionIds.length} ended session(s) in Redis (${(error as Error).message}); ` +
          'their access tokens stay valid until they expire',
      );
    }
  }

  isRevoked(sessionId: string): Promise<boolean> | boolean {
    const hit = this.cache.get(sessionId);
    if (hit && hit.until > Date.now()) return hit.revoked;
    let lookup = this.inFlight.get(sessionId);
    if (!lookup) {
      // Concurrent requests of one session share one read.
      lookup = this.lookup(sessionId).finally(() => this.inFlight.delete(sessionId));
      this.inFlight.set(sessionId, lookup);
    }
    return lookup;
  }

  private async lookup(sessionId: string): Promise<boolean> {
    let revoked: boolean;
    try {
      revoked = (await this.redis.client.exists(this.key(sessionId))) === 1;
      this.warned = false;
    } catch (error) {
      if (!this.warned) this.logger.warn(`Session revocations unreadable (${(error as Error).message}); not checked`);
      this.warned = true;
      return false;
    }
    const now = Date.now();
    if (this.cache.size >= CACHE_PRUNE_AT) {
      for (const [id, entry] of this.cache) if (entry.until <= now) this.cache.delete(id);
    }
    this.cache.set(sessionId, {
      revoked,
      until: now + (revoked ? MARK_TTL_SECONDS * 1000 : this.env.SESSION_REVOCATION_CACHE_MS),
    });
    return revoked;
  }

  private key(sessionId: string): string {
    return `${this.env.QUEUE_PREFIX}:ended-session:${sessionId}`;
  }
}
