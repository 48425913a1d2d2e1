import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { databaseUnavailable, problem, PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemException } from './problem';

const logger = new Logger('Problem');

/**
 * Fastify's own request errors (body parsing, size, media type) reach the filter as an
 * `HttpException` with a plain-string message; they are told apart from ours by that.
 */
const REQUEST_ERRORS: Record<number, { code: string; detail: string }> = {
  400: { code: 'malformed_body', detail: 'Nội dung yêu cầu không đọc được (JSON sai cú pháp hoặc rỗng).' },
  413: { code: 'payload_too_large', detail: 'Nội dung gửi lên vượt quá giới hạn cho phép.' },
  415: {
    code: 'unsupported_media_type',
    detail: 'Kiểu nội dung (Content-Type) không được hỗ trợ; hãy gửi application/json.',
  },
};

/** PostgreSQL errors that are the caller's doing rather than a bug, by SQLSTATE. */
function fromDatabase(error: QueryFailedError): ProblemDetails | undefined {
  const driver = error.driverError as { code?: string; constraint?: string };
  switch (driver.code) {
    case '23505':
      return problem(409, {
        code: 'duplicate',
        detail: 'Dữ liệu đã tồn tại (trùng giá trị phải là duy nhất).',
        constraint: driver.constraint,
      });
    case '23503':
      return problem(409, {
        code: 'reference_conflict',
        detail: 'Dữ liệu đang được tham chiếu hoặc tham chiếu tới đối tượng không tồn tại.',
      });
    case '40001':
    case '40P01':
      return problem(409, { code: 'concurrent_update', detail: 'Dữ liệu vừa được thay đổi đồng thời; hãy thử lại.' });
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return problem(400, { code: 'invalid_value', detail: 'Có giá trị không đúng kiểu hoặc vượt giới hạn.' });
    default:
      return undefined;
  }
}

// The connection failed, not the statement: refused, dropped, timed out waiting for a pooled
// connection, or the server shutting down, starting up or out of connection slots (SQLSTATE 57P0x, 53300, 08xxx).
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNREACHABLE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Client was closed/i;

/** Whether an error says PostgreSQL could not be reached, rather than that a statement was wrong. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const cause = (error instanceof QueryFailedError ? error.driverError : error) as
    { code?: unknown; message?: unknown } | undefined;
  if (!cause || typeof cause !== 'object') return false;
  return (
    (typeof cause.code === 'string' && UNREACHABLE_CODES.has(cause.code)) ||
    (typeof cause.message === 'string' && UNREACHABLE_MESSAGES.test(cause.message))
  );
}

function fromHttpException(exception: HttpException, request: FastifyRequest): ProblemDetails {
  const status = exception.getStatus();
  if (exception instanceof ProblemException) return exception.problem;
  const response = exception.getResponse();
  const message =
    typeof response === 'string'
      ? response
      : typeof (response as { message?: unknown }).message === 'string'
        ? (response as { message: string }).message
        : undefined;
  if (typeof response === 'string' && REQUEST_ERRORS[status]) {
    const known = REQUEST_ERRORS[status];
    return problem(status, { code: known.code, detail: `${known.detail} (${response})` });
  }
  if (status === 404 && message?.startsWith('Cannot ')) {
    return problem(404, {
      code: 'route_not_found',
      detail: `Không có đường dẫn ${request.method} ${request.url.split('?')[0]}.`,
    });
  }
  return problem(status, status < 500 && message ? { detail: message } : {});
}

/**
 * Turns anything thrown while serving a request into problem+json. Expected failures keep their
 * status; anything else is a 500 whose `errorId` is logged with the stack, and nothing internal
 * reaches the client.
 */
export function toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
  if (exception instanceof HttpException) return fromHttpException(exception, request);
  if (exception instanceof QueryFailedError) {
    const known = fromDatabase(exception);
    if (known) return known;
  }
  const errorId = randomUUID();
  logger.error({ err: exception, errorId, method: request.method, url: request.url }, `Unhandled error ${errorId}`);
  return problem(500, {
    code: 'internal_error',
    detail: `Đã xảy ra lỗi không mong muốn. Khi liên hệ hỗ trợ, hãy cung cấp mã lỗi ${errorId}.`,
    errorId,
  });
}

/**
 * Fastify answers a URL its router cannot read (a broken %-escape, a path parameter past its
 * 100-character limit) before any hook or filter runs; this gives those answers the same shape.
 */
export function sendRouterProblem(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known: Record<string, { code: string; detail: string }> = {
    FST_ERR_BAD_URL: { code: 'malformed_url', detail: 'Đường dẫn có ký tự mã hóa sai (dạng %XX không hợp lệ).' },
    FST_ERR_MAX_PARAM_LENGTH: {
      code: 'path_parameter_too_long',
      detail: 'Một tham số trong đường dẫn dài quá giới hạn (100 ký tự).',
    },
  };
  sendProblem(reply, problem(error.statusCode ?? 400, known[error.code] ?? {}));
}

export function sendProblem(reply: FastifyReply, body: ProblemDetails, headers: Record<string, string> = {}): void {
  void reply.status(body.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    let known = exception;
    if (isDatabaseUnreachable(exception)) {
      logger.warn(`${request.method} ${request.url}: PostgreSQL unreachable (${(exception as Error).message})`);
      known = databaseUnavailable();
    }
    const headers = known instanceof ProblemException ? known.headers : {};
    sendProblem(http.getResponse<FastifyReply>(), toProblem(known, request), headers);
  }
}
