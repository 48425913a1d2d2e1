import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiConflictResponse, ApiExtension, ApiHeader } from '@nestjs/swagger';
import { ProblemDetails } from '../common/problem';
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
    ApiConflictResponse({ type: ProblemDetails, description: 'State conflict, or an Idempotency-Key in use' }),
    ApiExtension('x-idempotent', 'with Idempotency-Key'),
  );

/**
 * A `PUT` that replaces a whole state (answers, attendance, settings): sending it again leaves the same
 * state, so a client retries it as it is, with no key. Said in OpenAPI so client generators know.
 */
export const IdempotentPut = () =>
  ApiExtension('x-idempotent', 'by nature: the same PUT again leaves the same state; retry it as it is');
