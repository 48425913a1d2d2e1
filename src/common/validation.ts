import { ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from './problem';

/**
 * class-validator's default messages are English ("limit must not be less than 1"). Learners and
 * school staff read Vietnamese, so the common constraints are rendered in Vietnamese; a DTO that
 * writes its own message keeps it.
 */
const VIETNAMESE: Record<string, (english: string) => string> = {
  whitelistValidation: () => 'trường này không được phép',
  isDefined: () => 'là bắt buộc',
  isNotEmpty: () => 'không được để trống',
  isString: () => 'phải là chuỗi ký tự',
  isInt: () => 'phải là số nguyên',
  isNumber: () => 'phải là số',
  isNumberString: () => 'phải là số',
  isBoolean: () => 'phải là true hoặc false',
  isUuid: () => 'phải là UUID',
  isUUID: () => 'phải là UUID',
  isEmail: () => 'phải là địa chỉ email',
  isUrl: () => 'phải là địa chỉ URL',
  isArray: () => 'phải là một danh sách',
  isObject: () => 'phải là một đối tượng',
  isDateString: () => 'phải là ngày giờ theo ISO 8601',
  isIso8601: () => 'phải là ngày giờ theo ISO 8601',
  isISO8601: () => 'phải là ngày giờ theo ISO 8601',
  isBase64: () => 'phải là chuỗi base64',
  isEnum: (e) => `phải là một trong: ${after(e, 'one of the following values: ')}`,
  isIn: (e) => `phải là một trong: ${after(e, 'one of the following values: ')}`,
  min: (e) => `không được nhỏ hơn ${lastNumber(e)}`,
  max: (e) => `không được lớn hơn ${lastNumber(e)}`,
  minLength: (e) => `phải có ít nhất ${lastNumber(e)} ký tự`,
  maxLength: (e) => `không được dài quá ${lastNumber(e)} ký tự`,
  arrayMinSize: (e) => `phải có ít nhất ${lastNumber(e)} phần tử`,
  arrayMaxSize: (e) => `không được có quá ${lastNumber(e)} phần tử`,
  arrayUnique: () => 'các phần tử không được trùng nhau',
  matches: () => 'không đúng định dạng',
};

function after(text: string, marker: string): string {
  const at = text.indexOf(marker);
  return at < 0 ? text : text.slice(at + marker.length);
}

function lastNumber(text: string): string {
  return text.match(/-?\d+(\.\d+)?(?!.*\d)/)?.[0] ?? '';
}

function translate(property: string, constraint: string, message: string): string {
  const isDefault =
    message.startsWith(`${property} `) ||
    message.startsWith(`property ${property} `) ||
    message.startsWith('each value in ');
  const vietnamese = VIETNAMESE[constraint];
  return isDefault && vietnamese ? vietnamese(message) : message;
}

/** Flattens nested errors into `lessons[2].periods`-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = !parent
      ? error.property
      : /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({ field, message: translate(error.property, constraint, message) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export function validationProblem(errors: FieldError[]): ProblemException {
  return new ProblemException(HttpStatus.BAD_REQUEST, {
    code: 'validation_failed',
    title: 'Dữ liệu không hợp lệ',
    detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  });
}

/** Where a request value holds a NUL character, as `lessons[2].title`-style field paths. */
export function fieldsWithNul(value: unknown, field = ''): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [field] : [];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    fieldsWithNul(item, Array.isArray(value) ? `${field}[${key}]` : field ? `${field}.${key}` : key),
  );
}

/**
 * PostgreSQL cannot store NUL in text, so such a value would fail as a 500 at the first statement
 * that sees it; it is refused here instead, naming the field, before any DTO allows it through.
 */
class RequestValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const fields = fieldsWithNul(value, metadata.data ?? '');
      if (fields.length) {
        const message = 'không được chứa ký tự NUL (\\u0000)';
        throw validationProblem(fields.map((field) => ({ field: field || metadata.type, message })));
      }
    }
    return super.transform(value, metadata);
  }
}

/** The one validation pipe: unknown fields are errors, NUL characters too, payloads become DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}
