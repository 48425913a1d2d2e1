import { HttpStatus } from '@nestjs/common';
import { conflict, ProblemException } from '../common/problem';
import { validationProblem } from '../common/validation';

/** 400: a key must be something a client can store and send again unchanged. */
export const invalidIdempotencyKey = (): ProblemException =>
  validationProblem([
    { field: 'Idempotency-Key', message: 'phải gồm 1–200 ký tự ASCII in được, không có khoảng trắng' },
  ]);

/** 409: the key was used for another request (method, path or body differ). */
export const idempotencyKeyReused = (): ProblemException =>
  conflict('idempotency_key_reused', 'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.');

/** 409: the first request with this key has not answered yet (or its key is still being released). */
export const idempotencyInProgress = (): ProblemException =>
  new ProblemException(
    HttpStatus.CONFLICT,
    {
      code: 'idempotency_in_progress',
      detail: 'Yêu cầu đầu tiên với khóa Idempotency-Key này đang được xử lý; hãy thử lại sau ít giây.',
    },
    { 'retry-after': '1' },
  );
