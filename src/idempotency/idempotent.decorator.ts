import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems';
import { idempotencyInProgress, idempotencyKeyReused, invalidIdempotencyKey } from './idempotency.errors';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** A write clients may retry: an `Idempotency-Key` header makes a repeat return the first answer. */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Up to 200 printable ASCII characters, unique per write. The same key again returns the first successful answer ' +
        '(with `Idempotent-Replayed: true`) without repeating the write; 409 `idempotency_key_reused` for another request, ' +
        '409 `idempotency_in_progress` while the first one runs. Keys are kept for IDEMPOTENCY_KEY_TTL_HOURS.',
    }),
    ApiProblems(
      { problem: invalidIdempotencyKey(), when: 'the `Idempotency-Key` header is malformed' },
      { problem: idempotencyKeyReused(), when: 'the key was used for a different request' },
      { problem: idempotencyInProgress(), when: 'the first request with the key is still running: retry shortly' },
    ),
    ApiExtension('x-idempotent', 'with Idempotency-Key'),
  );

/**
 * A `PUT` that replaces a whole state (answers, attendance, settings): sending it again leaves the same
 * state, so a client retries it as it is, with no key. Said in OpenAPI so client generators know.
 */
export const IdempotentPut = () =>
  ApiExtension('x-idempotent', 'by nature: the same PUT again leaves the same state; retry it as it is');
