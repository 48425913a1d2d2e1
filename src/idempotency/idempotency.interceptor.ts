import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';
import { DataSource } from 'typeorm';
import { idempotencyInProgress, idempotencyKeyReused, invalidIdempotencyKey } from './idempotency.errors';
import type { Principal } from '../modules/auth/auth.decorators';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Printable ASCII without spaces, as clients generate them (UUIDs, ULIDs, random tokens). */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** A first request that has not finished after this long is taken to have died with its process. */
const ABANDONED_AFTER_SECONDS = 60;

/**
 * `Idempotency-Key` on a write (docs/api-conventions.md): the first successful answer is stored and the
 * same key returns it again without running the write twice. A failed request stores nothing, so
 * the client may retry it. The record is written beside the use case's own transaction, so a key
 * whose first request died mid-way is released after a minute.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
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
      mergeMap((body: unknown) =>
        from(
          this.dataSource
            .query(`UPDATE idempotency_records SET response = $3, completed_at = now() WHERE owner = $1 AND key = $2`, [
              owner,
              key,
              JSON.stringify(body ?? null),
            ])
            .then(() => body),
        ),
      ),
      catchError((error: unknown) =>
        from(
          this.dataSource
            .query(`DELETE FROM idempotency_records WHERE owner = $1 AND key = $2 AND completed_at IS NULL`, [
              owner,
              key,
            ])
            .then(() => {
              throw error;
            }),
        ),
      ),
    );
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
