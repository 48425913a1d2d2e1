import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { asAdmin, Headers, loginAs, referenceCourseId, unitId } from '../support/actors';
import { objectsOfEachKind } from '../support/objects';
import { TestApp, useTestApp } from '../support/test-app';

/**
 * Spec fuzzing: every operation of openapi.json, with missing and wrong credentials, then as the
 * system admin with wrong types, boundary values, unknown fields, malformed bodies and ids that are
 * not UUIDs. Whatever the input, the answer is never a 5xx, never internal text, and every error is
 * problem+json. The cases come from a seeded generator, so a failure names a case that comes back.
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  security?: unknown[];
  requestBody?: {
    content: Record<string, { schema?: Schema; example?: unknown; examples?: Record<string, { value?: unknown }> }>;
  };
};
const openapi = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const SEED = 17;
const CONCURRENCY = 4;
const PROBLEM = /^application\/problem\+json/;
/** What a client must never read: stack frames, source paths, driver and SQL messages. */
const INTERNAL =
  /\s+at \S+ \(|node_modules|\/src\/|\.[jt]s:\d+|QueryFailedError|EntityNotFound|TypeError|ReferenceError|RangeError|Cannot read propert|is not a function|undefined is not|syntax error at or near|violates (?:not-null|foreign key|check|unique) constraint|invalid input syntax|invalid byte sequence|value too long for type|out of range for type|relation "|column "|duplicate key value|\bSELECT\b.*\bFROM\b|INSERT INTO|DELETE FROM/;

/** mulberry32: small, fast and the same everywhere, so the cases of a seed never change. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(SEED);
const pick = <T>(values: readonly T[], count: number): T[] => {
  const pool = [...values];
  const out: T[] = [];
  while (out.length < count && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
};

/** A v4-shaped UUID from the seed: an id that names nothing, the same on every run. */
const seededUuid = () => {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
};
const randomWord = () => Math.floor(random() * 1e6).toString(36);

const HUGE_STRING = 'ă'.repeat(50 * 1024); // 100 KB in UTF-8
/** Values at the edges, whatever the field's type. */
const BOUNDARY: Record<string, unknown> = {
  empty: '',
  huge: HUGE_STRING,
  negative: -1,
  veryNegative: -9_007_199_254_740_991,
  huge_number: 1e308,
  fraction: 0.5,
  zero: 0,
  unicode: 'Lý luận 𝕍𝕚ệ𝕥 👩‍🏫 \u202e\u200b ﷽',
  nul: 'a\u0000b',
  array: ['a', 'b'],
  object: { a: 1 },
  null: null,
};
/** Values of another type than the field's. */
const WRONG_TYPE: Record<string, unknown[]> = {
  string: [42, true, { x: 'y' }, ['chuỗi']],
  number: ['12', 'mười hai', false, [1], {}],
  integer: ['12', 1.5, 'x', true, [1]],
  boolean: ['true', 1, 'không', [true]],
  array: ['a', 7, { 0: 'a' }, [null], [{ x: 1 }], [[1]]],
  object: ['a', 7, [], [{}], true],
};
/** Path parameter values that are not ids. */
const NOT_IDS = [
  'khong-phai-uuid',
  '0',
  '-1',
  '1e309',
  '%00',
  '%C3%A1',
  'x'.repeat(300),
  '%27%3B--',
  'null',
  '..',
  '%E0%A4%A',
];
const QUERY_VALUES = [
  '',
  HUGE_STRING.slice(0, 2000),
  '-1',
  '99999999999999999999',
  '%00',
  '%F0%9F%98%80',
  'x%5B%5D',
  'null',
  '1.5',
];
const MALFORMED = [
  '{"a": ',
  '{',
  '[1, 2',
  'null',
  '"chuỗi"',
  '123',
  '[]',
  '{"a": 1}}',
  '\u0000',
  '{"__proto__": {"x": 1}}',
];

interface Case {
  name: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string;
  /** No credentials (or bad ones): a non-public route must answer 401. */
  unauthenticated?: boolean;
}

function resolve(schema: Schema | undefined): Schema | undefined {
  const ref = schema?.$ref ?? schema?.allOf?.[0]?.$ref;
  return ref ? openapi.components.schemas[ref.split('/').pop()!] : schema;
}

/** A body that would pass validation: the documented examples, with the fixtures' ids where known. */
function example(schema: Schema | undefined, ids: Record<string, string>, depth = 0): unknown {
  const resolved = resolve(schema);
  if (!resolved || depth > 4) return undefined;
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.enum) return resolved.enum[0];
  if (resolved.type === 'array') return [example(resolved.items, ids, depth + 1)];
  if (resolved.properties) {
    return Object.fromEntries(
      Object.entries(resolved.properties).map(([name, property]) => {
        const id = ids[name];
        return [name, id && resolve(property)?.format === 'uuid' ? id : example(property, ids, depth + 1)];
      }),
    );
  }
  return resolved.type === 'string' ? 'chuỗi' : resolved.type === 'boolean' ? true : 1;
}

/** The fields of a body, nested ones as `a.b` or `a.0.b`, with their schemas. */
function fields(schema: Schema | undefined, value: unknown, prefix = ''): [string, Schema][] {
  const resolved = resolve(schema);
  if (!resolved?.properties || !value || typeof value !== 'object') return [];
  return Object.entries(resolved.properties).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const inner = resolve(property);
    const nested = (value as Record<string, unknown>)[name];
    const own: [string, Schema][] = [[path, inner ?? {}]];
    if (inner?.type === 'array' && Array.isArray(nested)) {
      return [...own, ...fields(inner.items, nested[0], `${path}.0.`)];
    }
    return [...own, ...fields(inner, nested, `${path}.`)];
  });
}

function withValue(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys[keys.length - 1]] = value;
  return copy;
}

describe('spec fuzzing: every operation, any input, never a 5xx', () => {
  const app = useTestApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  let t: TestApp;
  let admin: Headers;
  /** Ids of one object of each kind, by the path segment before `{id}` and by body field name. */
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = app();
    admin = await asAdmin(t);
    const learner = await loginAs(t, 'hv.minhxuan.1');
    const courseId = await referenceCourseId(t);
    const orgUnitId = await unitId(t, 'TCT-TUYENQUANG');
    const draft = await t.http().post(`/api/v1/courses/${courseId}/versions`).set(admin).send({}).expect(201);
    const key = await t
      .http()
      .post('/api/v1/api-keys')
      .set(admin)
      .send({ name: 'Hệ thống tỉnh', orgUnitId, scopes: ['stats:read'] })
      .expect(201);
    const [lesson] = await t.dataSource.query(`SELECT id FROM lessons WHERE course_id = $1 ORDER BY position LIMIT 1`, [
      draft.body.id,
    ]);
    // A draft course, so that its edits reach the service rather than stop at "published".
    Object.assign(ids, await objectsOfEachKind(t, admin, learner), {
      courses: draft.body.id,
      lessons: lesson.id,
      'api-keys': key.body.id,
    });
    // Body fields that name an object take the fixture's id, so a fuzzed field is the only fault.
    Object.assign(ids, {
      orgUnitId,
      parentId: orgUnitId,
      newParentId: await unitId(t, 'TCT-BACNINH'),
      intoId: await unitId(t, 'TCT-BACNINH'),
      programId: ids.programs,
      courseId: ids.courses,
      userId: ids.users,
      lessonId: ids.lessons,
      questionId: ids.questions,
      classId: ids.classes,
    });
  });

  /** The URL of a path with fixture ids (an unknown UUID where there is none), or `bad` in one parameter. */
  const urlOf = (path: string, bad?: { name: string; value: string }) =>
    path.replace(/([^/]+)\/\{(\w+)\}/g, (_all, segment: string, param: string) => {
      if (bad?.name === param) return `${segment}/${bad.value}`;
      if (param === 'year') return `${segment}/2026`;
      return `${segment}/${ids[segment] ?? ids[param] ?? seededUuid()}`;
    });

  function casesOf(method: string, path: string, operation: Operation): Case[] {
    const upper = method.toUpperCase();
    const url = urlOf(path);
    const cases: Case[] = [];
    const json = operation.requestBody?.content['application/json'];
    const multipart = operation.requestBody?.content['multipart/form-data'];
    const jsonHeaders = { 'content-type': 'application/json' };
    const body = json
      ? (json.example ?? Object.values(json.examples ?? {})[0]?.value ?? example(json.schema, ids))
      : undefined;
    const payload = body === undefined ? undefined : JSON.stringify(body);

    // Credentials: none, garbage, an expired token signed with the real secret, a made-up API key.
    for (const [name, headers] of Object.entries(badCredentials())) {
      cases.push({
        name,
        method: upper,
        url,
        headers: { ...headers, ...(payload ? jsonHeaders : {}) },
        payload,
        unauthenticated: true,
      });
    }

    const asAdminWith = (name: string, at: string, extra: Partial<Case> = {}): Case => ({
      name,
      method: upper,
      url: at,
      payload,
      ...extra,
      headers: { ...admin, ...(payload ? jsonHeaders : {}), ...extra.headers },
    });

    for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'path')) {
      for (const value of pick(NOT_IDS, 3)) {
        cases.push(
          asAdminWith(`path ${parameter.name}=${value.slice(0, 20)}`, urlOf(path, { name: parameter.name, value })),
        );
      }
    }

    for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'query')) {
      const type = parameter.schema?.type ?? 'string';
      const values = [
        ...pick(QUERY_VALUES, 3),
        type === 'string' ? '42' : 'mười',
        `${randomWord()}&${parameter.name}=b`,
      ];
      for (const value of values) {
        cases.push(asAdminWith(`query ${parameter.name}=${value.slice(0, 20)}`, `${url}?${parameter.name}=${value}`));
      }
    }

    if (json && body && typeof body === 'object' && !Array.isArray(body)) {
      const all = fields(json.schema, body);
      for (const [field, schema] of all) {
        const wrong = WRONG_TYPE[schema.type ?? 'string'] ?? WRONG_TYPE.string;
        const values = [...pick(wrong, 1), ...pick(Object.values(BOUNDARY), 1)];
        for (const value of values) {
          cases.push(
            asAdminWith(`body ${field}=${String(JSON.stringify(value)).slice(0, 20)}`, url, {
              payload: JSON.stringify(withValue(body, field, value)),
            }),
          );
        }
      }
      // Every boundary kind at least once per operation, on a field picked by the seed.
      const top = all.filter(([field]) => !field.includes('.'));
      for (const [kind, value] of top.length ? Object.entries(BOUNDARY) : []) {
        const [[field]] = pick(top, 1);
        cases.push(
          asAdminWith(`body ${field} ${kind}`, url, { payload: JSON.stringify(withValue(body, field, value)) }),
        );
      }
      cases.push(asAdminWith('unknown field', url, { payload: JSON.stringify({ ...body, laAdmin: true }) }));
      cases.push(asAdminWith('body as a list', url, { payload: JSON.stringify([body]) }));
    }
    if (json || ['POST', 'PUT', 'PATCH'].includes(upper)) {
      for (const text of pick(MALFORMED, 4))
        cases.push(asAdminWith(`malformed ${text.slice(0, 12)}`, url, { payload: text, headers: jsonHeaders }));
      cases.push(asAdminWith('empty JSON body', url, { payload: '', headers: jsonHeaders }));
    }
    if (multipart) {
      const broken = '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nkhông đóng';
      cases.push(
        asAdminWith('multipart without boundary', url, {
          payload: broken,
          headers: { 'content-type': 'multipart/form-data' },
        }),
      );
      cases.push(
        asAdminWith('multipart cut short', url, {
          payload: broken,
          headers: { 'content-type': 'multipart/form-data; boundary=x' },
        }),
      );
      cases.push(
        asAdminWith('multipart, wrong field', url, {
          payload: '--x\r\nContent-Disposition: form-data; name="khac"\r\n\r\n1\r\n--x--\r\n',
          headers: { 'content-type': 'multipart/form-data; boundary=x' },
        }),
      );
      cases.push(asAdminWith('JSON to an upload', url, { payload: '{"file": "a"}', headers: jsonHeaders }));
    }
    return cases;
  }

  /** Credentials that must not get anyone in. */
  function badCredentials(): Record<string, Record<string, string>> {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: ids.users, exp: 1_600_000_000, iat: 1_599_999_000 })}`;
    const signature = createHmac('sha256', t.env.JWT_SECRET).update(unsigned).digest('base64url');
    return {
      'no credentials': {},
      'garbage bearer': { authorization: 'Bearer khong.phai.jwt' },
      'expired JWT': { authorization: `Bearer ${unsigned}.${signature}` },
      'made-up API key': { 'x-api-key': 'lyk_khong_co_that' },
    };
  }

  /** Whatever is wrong with an answer, or nothing. */
  function faults(c: Case, isPublic: boolean, res: LightMyRequestResponse): string[] {
    const found: string[] = [];
    const type = String(res.headers['content-type'] ?? '');
    if (res.statusCode >= 500) found.push(`${res.statusCode} ${res.payload.slice(0, 300)}`);
    if (res.statusCode >= 400 && !PROBLEM.test(type)) found.push(`${res.statusCode} as ${type || 'no content type'}`);
    if (c.unauthenticated && !isPublic && res.statusCode !== 401) found.push(`${res.statusCode} instead of 401`);
    if (/json|text/.test(type) && INTERNAL.test(res.payload))
      found.push(`internal text: ${res.payload.match(INTERNAL)![0]}`);
    return found;
  }

  it('answers every fuzzed request of every operation without a 5xx or internals, as problem+json', async () => {
    const work: { c: Case; isPublic: boolean }[] = [];
    for (const [path, item] of Object.entries(openapi.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const isPublic = !operation.security?.length;
        for (const c of casesOf(method, path, operation)) work.push({ c, isPublic });
      }
    }
    const fastify = t.app.getHttpAdapter().getInstance();
    const failures: string[] = [];
    let next = 0;
    const runner = async () => {
      while (next < work.length) {
        const { c, isPublic } = work[next++];
        const res = await fastify.inject({
          method: c.method as 'GET',
          url: c.url,
          // A REST client: the verification page answers HTML only to browsers.
          headers: { accept: 'application/json', ...c.headers },
          payload: c.payload,
        });
        for (const fault of faults(c, isPublic, res))
          failures.push(`${c.method} ${c.url.slice(0, 120)} [${c.name}]: ${fault}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, runner));
    expect(failures).toEqual([]);
    expect(work.length).toBeGreaterThan(2000);
    // About 15 s on the shared 2-core machine (load 11); the margin is for a busier one.
  }, 120_000);
});
