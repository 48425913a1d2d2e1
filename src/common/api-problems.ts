import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, DECORATORS, getSchemaPath } from '@nestjs/swagger';
import { notFound, problem, ProblemDetails, ProblemException } from './problem';
import { validationProblem } from './validation';

/**
 * One documented failure of an operation: a status alone (its usual problem), a problem as a
 * feature's `*.errors.ts` builds it, or either with a note saying when it happens.
 */
export type ProblemCase = number | ProblemException | { problem: number | ProblemException; when: string };

/** What each status means for a client, the first line of the response's description. */
const MEANINGS: Record<number, string> = {
  400: 'Malformed or invalid input; `errors` names each field. Unknown fields are invalid too.',
  401: 'No valid credentials: send `Authorization: Bearer <accessToken>` (or `X-Api-Key`).',
  403: 'The caller is known but lacks the right.',
  404: "Not found, or not visible to the caller: another unit's objects are never revealed.",
  409: 'Refused by the current state of the data.',
  410: 'Gone: it existed but is no longer available.',
  413: 'The upload is too large.',
  415: 'The content type or the uploaded file type is not accepted.',
  422: 'Well-formed but semantically invalid upload; nothing was created.',
  429: 'Throttled: retry after the `Retry-After` seconds.',
  503: 'Temporarily unavailable, nothing was done: retry after the `Retry-After` seconds (a write with the same `Idempotency-Key`).',
};

/** The problem a bare status stands for, as the API really renders it. */
function sampleOf(status: number): ProblemDetails {
  if (status === 400) return validationProblem([{ field: 'code', message: 'không được để trống' }]).problem;
  if (status === 404) return notFound().problem;
  return problem(status);
}

interface Documented {
  example: ProblemDetails;
  when?: string;
}

/** Every 429 and 503 of the API says when to come back. */
const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } };

/** The cases gathered on a handler so far, by status: several decorators may add to one status. */
const CASES = 'lyluan:problem-cases';

function documented(entry: ProblemCase): Documented {
  const target = typeof entry === 'object' && !(entry instanceof ProblemException) ? entry.problem : entry;
  const { type, title, status, detail, code, ...rest } = typeof target === 'number' ? sampleOf(target) : target.problem;
  // The members in the order RFC 9457 lists them, as a reader expects them.
  const example = { type, title, status, detail, code, ...rest };
  return { example, when: typeof entry === 'object' && 'when' in entry ? entry.when : undefined };
}

function describe(status: number, cases: Documented[]): string {
  const lines = cases.map(({ example, when }) => `- \`${example.code}\`${when ? `: ${when}` : ''}`);
  return [MEANINGS[status] ?? cases[0].example.title, '', ...new Set(lines)].join('\n');
}

/** The OpenAPI response of one status: its meaning, each case's `code` and example, `Retry-After` where sent. */
function problemResponse(status: number, list: Documented[]) {
  const examples: Record<string, { summary: string; value: ProblemDetails }> = {};
  for (const { example: value, when } of list) {
    let name = value.code;
    for (let n = 2; name in examples; n++) name = `${value.code}_${n}`;
    examples[name] = { summary: (when ?? value.code).replace(/`/g, ''), value };
  }
  return {
    description: describe(status, list),
    ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetails) }, examples } },
  };
}

/** The same for a document built already (answers every operation shares, added to the whole document). */
export function documentedResponse(status: number, entries: ProblemCase[]): ReturnType<typeof problemResponse> {
  return problemResponse(status, entries.map(documented));
}

/**
 * Documents an operation's error responses as `application/problem+json` (RFC 9457), one response
 * per status listing its `code`s, each with a real example body. Decorators may add cases to the
 * same status (e.g. `@Can` adds 401 and 403); they are merged, not overwritten.
 *
 * `@ApiProblems(404, courseNotDraft(SAMPLE_COURSE), { problem: 400, when: 'the dates are reversed' })`
 */
export function ApiProblems(...entries: ProblemCase[]): MethodDecorator {
  const mark: MethodDecorator = (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const cases: Record<number, Documented[]> = { ...(Reflect.getMetadata(CASES, handler) ?? {}) };
    for (const entry of entries) {
      const item = documented(entry);
      cases[item.example.status] = [...(cases[item.example.status] ?? []), item];
    }
    Reflect.defineMetadata(CASES, cases, handler);
    const responses = { ...(Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) ?? {}) };
    for (const [status, list] of Object.entries(cases)) {
      responses[status] = problemResponse(Number(status), list);
    }
    Reflect.defineMetadata(DECORATORS.API_RESPONSE, responses, handler);
    return descriptor;
  };
  return applyDecorators(ApiExtraModels(ProblemDetails), mark);
}

/** An id for documented examples, where a problem's text names an object. */
export const SAMPLE_ID = '3f2b8c1e-5d4a-4e7b-9c61-0a8d2e4f7b19';
