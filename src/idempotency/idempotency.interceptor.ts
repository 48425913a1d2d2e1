import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';
import { DataSource } from 'typeorm';
import { isDatabaseUnreachable } from '../common/problem.filter';
import { idempotencyInProgress, idempotencyKeyReused, invalidIdempotencyKey } from './idempotency.errors';
import type { Principal } from '../modules/auth/auth.decorators';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Printable ASCII without spaces, as clients generate them (UUIDs, ULIDs, random tokens). */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** A first request that has not finished after this long is taken to have died with its process. */
const ABANDONED_AFTER_SECONDS = 60;
const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 5000;

/**
 * `Idempotency-Key` on a write (docs/api-conventions.md): the first successful answer is stored and the
 * same key returns it again without running the write twice. A failed request (a 4xx, a 503 under
 * load) stores nothing, so the client may retry it. The record is written beside the use case's own
 * transaction, so a key whose first request died mid-way is released after a minute.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_PATTERN.test(key)) {
      throw invalidIdempotencyKey();
    }
    const principal = request.user!;
    const owner = principal.userId ? `user:${principal.userId}` : `api-key:${principal.apiKey!.id}`;
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([request.method, request.url, request.body ?? null]))
      .digest('hex');
    const replay = await this.claim(owner, key, fingerprint);
    if (replay) {
      context.switchToHttp().getResponse<FastifyReply>().header('idempotent-replayed', 'true');
      return of(replay.response);
    }
    return next.handle().pipe(
      // Only the handler's failure releases the key: once the write is done, the key stays taken.
      catchError((error: unknown) =>
        from(
          this.settle(`DELETE FROM idempotency_records WHERE owner = $1 AND key = $2 AND completed_at IS NULL`, [
            owner,
            key,
          ]).then(() => {
            throw error;
          }),
        ),
      ),
      mergeMap((body: unknown) =>
        from(
          this.settle(
            `UPDATE idempotency_records SET response = $3, completed_at = now() WHERE owner = $1 AND key = $2`,
            [owner, key, JSON.stringify(body ?? null)],
          ).then(() => body),
        ),
      ),
    );
  }

  /**
   * Runs a statement of the key's bookkeeping. When it cannot get a connection (pool exhausted,
   * database restarting) the request does not fail for it: a done write still answers its 2xx and a
   * failed one its own error, and the statement is retried in the background until the key would
   * count as abandoned. Otherwise a done write could be released and run again by the client's retry.
   */
  private async settle(sql: string, params: unknown[]): Promise<void> {
    try {
      await this.dataSource.query(sql, params);
    } catch (error) {
      if (!isDatabaseUnreachable(error)) throw error;
      this.logger.warn(`Idempotency-Key bookkeeping deferred: ${(error as Error).message}`);
      this.retryLater(sql, params, Date.now() + ABANDONED_AFTER_SECONDS * 1000, FIRST_RETRY_MS);
    }
  }

  private retryLater(sql: string, params: unknown[], until: number, delayMs: number): void {
    if (Date.now() + delayMs > until) {
      this.logger.error(
        `Idempotency-Key bookkeeping given up after ${ABANDONED_AFTER_SECONDS} s: ${sql.split(' ')[0]}`,
      );
      return;
    }
    setTimeout(() => {
      this.dataSource
        .query(sql, params)
        .catch(() => this.retryLater(sql, params, until, Math.min(delayMs * 2, LAST_RETRY_MS)));
    }, delayMs).unref();
  }

  /** Claims the key for this request; returns the stored answer when the key was used before. */
  private async claim(owner: string, key: string, fingerprint: string): Promise<{ response: unknown } | null> {
    const [claimed] = await this.dataSource.query(
      `INSERT INTO idempotency_records (owner, key, fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (owner, key) DO UPDATE SET created_at = now()
         WHERE idempotency_records.completed_at IS NULL
           AND idempotency_records.fingerprint = excluded.fingerprint
           AND idempotency_records.created_at < now() - make_interval(secs => $4)
       RETURNING created_at`,
      [owner, key, fingerprint, ABANDONED_AFTER_SECONDS],
    );
    if (claimed) return null;
    const [existing]: { fingerprint: string; response: unknown; completed_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT fingerprint, response, completed_at FROM idempotency_records WHERE owner = $1 AND key = $2`,
        [owner, key],
      );
    if (existing && existing.fingerprint !== fingerprint) {
      throw idempotencyKeyReused();
    }
    if (!existing?.completed_at) {
      throw idempotencyInProgress();
    }
    return { response: existing.response };
  }
}
