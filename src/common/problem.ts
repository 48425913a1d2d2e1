import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldError {
  @ApiProperty({ example: 'limit' })
  field: string;

  @ApiProperty({ example: 'phải là số nguyên' })
  message: string;
}

/** RFC 9457 problem details, the body of every error response. */
export class ProblemDetails {
  @ApiProperty({ example: 'urn:lyluan:problem:validation_failed' })
  type: string;

  @ApiProperty({ example: 'Dữ liệu không hợp lệ' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'Có 1 trường không hợp lệ.' })
  detail: string;

  @ApiProperty({ example: 'validation_failed', description: 'Stable machine-readable code' })
  code: string;

  @ApiPropertyOptional({ type: [FieldError] })
  errors?: FieldError[];

  @ApiPropertyOptional({ description: 'Present on 500: quote it to support; it is in the server log' })
  errorId?: string;

  [extension: string]: unknown;
}

/** What a thrower may set; `status` is given separately, extension members are allowed. */
export interface ProblemFields {
  type?: string;
  title?: string;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  errorId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Vietnamese titles per status, the text a user sees when nothing more specific applies. */
const TITLES: Record<number, [code: string, title: string]> = {
  400: ['bad_request', 'Yêu cầu không hợp lệ'],
  401: ['unauthorized', 'Chưa xác thực'],
  403: ['forbidden', 'Không có quyền'],
  404: ['not_found', 'Không tìm thấy'],
  405: ['method_not_allowed', 'Phương thức không được hỗ trợ'],
  406: ['not_acceptable', 'Không có định dạng phù hợp'],
  409: ['conflict', 'Xung đột dữ liệu'],
  413: ['payload_too_large', 'Dữ liệu gửi lên quá lớn'],
  414: ['uri_too_long', 'Đường dẫn quá dài'],
  415: ['unsupported_media_type', 'Kiểu nội dung không được hỗ trợ'],
  422: ['unprocessable', 'Dữ liệu không xử lý được'],
  429: ['too_many_requests', 'Quá nhiều yêu cầu'],
  500: ['internal_error', 'Lỗi hệ thống'],
  503: ['service_unavailable', 'Dịch vụ tạm thời không sẵn sàng'],
};

export function defaultProblem(status: number): { code: string; title: string } {
  const [code, title] = TITLES[status] ?? (status >= 500 ? TITLES[500] : TITLES[400]);
  return { code, title };
}

export function problem(status: number, fields: ProblemFields = {}): ProblemDetails {
  const fallback = defaultProblem(status);
  const code = fields.code ?? fallback.code;
  return {
    ...fields,
    type: fields.type ?? `urn:lyluan:problem:${code}`,
    title: fields.title ?? fallback.title,
    status,
    detail: fields.detail ?? fields.title ?? fallback.title,
    code,
  };
}

/**
 * Throw this from services for any expected failure; the filter renders it as problem+json, with
 * `headers` (e.g. `Retry-After` on a 429) added to the response.
 */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus | number,
    fields: ProblemFields = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(problem(status, fields), status);
  }

  get problem(): ProblemDetails {
    return this.getResponse() as ProblemDetails;
  }
}

export const notFound = (detail = 'Không tìm thấy đối tượng hoặc bạn không có quyền xem.') =>
  new ProblemException(HttpStatus.NOT_FOUND, { detail });

/** Seconds a client is told to wait while PostgreSQL cannot be reached: a restart takes a few. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** 503 with Retry-After: the database is down, restarting or out of connections; nothing was done. */
export const databaseUnavailable = () =>
  new ProblemException(
    HttpStatus.SERVICE_UNAVAILABLE,
    {
      code: 'service_unavailable',
      detail: 'Hệ thống tạm thời không kết nối được cơ sở dữ liệu; xin thử lại sau ít giây.',
    },
    { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
  );

export const conflict = (code: string, detail: string) => new ProblemException(HttpStatus.CONFLICT, { code, detail });
