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

/** 409: the first request with this key has not answered yet. */
export const idempotencyInProgress = (): ProblemException =>
  conflict(
    'idempotency_in_progress',
    'Yêu cầu đầu tiên với khóa Idempotency-Key này đang được xử lý; hãy thử lại sau ít giây.',
  );
