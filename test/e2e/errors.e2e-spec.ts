import { Logger } from '@nestjs/common';
import { EffectProbeModule } from '../support/effect-probe.module';
import { TestApp, useTestApp } from '../support/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('errors are problem+json', () => {
  const app = useTestApp({ extra: [EffectProbeModule], env: { BODY_LIMIT_BYTES: String(64 * 1024) } });
  let t: TestApp;

  beforeAll(() => {
    t = app();
  });

  it('malformed JSON → 400', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"username": "admin", "password": ')
      .expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 400, code: 'malformed_body', title: expect.any(String) });
    expect(res.body.type).toBe('urn:lyluan:problem:malformed_body');
  });

  it('unknown field → 400 naming it', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'x', isAdmin: true })
      .expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([{ field: 'isAdmin', message: 'trường này không được phép' }]);
  });

  it('missing and mistyped fields → 400 naming each, in Vietnamese', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ password: 42 }).expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'password']));
    expect(res.body.errors).toContainEqual({ field: 'password', message: 'phải là chuỗi ký tự' });
  });

  it('unknown route → 404 problem+json', async () => {
    const res = await t.http().get('/api/v1/khong-co').expect(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 404, code: 'route_not_found' });
    expect(res.body.detail).toContain('/api/v1/khong-co');
  });

  it('body over the limit → 413', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'x'.repeat(100 * 1024) })
      .expect(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('wrong content type → 415', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'text/csv')
      .send('username,password\nadmin,x')
      .expect(415);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('unsupported_media_type');
  });

  it('unique violation → 409', async () => {
    await t.http().post('/api/v1/probe/unique').send({ note: 'only-once' }).expect(201);
    const res = await t.http().post('/api/v1/probe/unique').send({ note: 'only-once' }).expect(409);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('duplicate');
  });

  it('an unexpected error → 500 with an errorId that is logged, and no internals', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error');
    const res = await t.http().get('/api/v1/probe/boom').expect(500);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 500, code: 'internal_error' });
    expect(res.body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('probe-secret');
    expect(text).not.toContain('internal detail');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    const entry = logged.mock.calls.find(([fields]) => (fields as { errorId?: string })?.errorId === res.body.errorId);
    expect(entry).toBeDefined();
    expect(((entry![0] as { err: Error }).err as Error).message).toContain('probe-secret');
    logged.mockRestore();
  });

  it('a malformed id parameter → 400 naming it, not a database error', async () => {
    const token = await t.adminToken();
    const res = await t
      .http()
      .get('/api/v1/admin/outbox/not-a-uuid')
      .set('authorization', `Bearer ${token}`)
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'id', message: 'phải là UUID' }]);
  });

  it('a NUL character in a body field or a query parameter → 400 naming it, not a database error', async () => {
    const auth = { authorization: `Bearer ${await t.adminToken()}` };
    const body = await t
      .http()
      .post('/api/v1/programs')
      .set(auth)
      .send({ code: 'CT-NUL', name: 'Chương trình\u0000', kind: 'thematic' })
      .expect(400);
    expect(body.body.errors).toEqual([{ field: 'name', message: 'không được chứa ký tự NUL (\\u0000)' }]);
    const query = await t.http().get('/api/v1/org-units?q=a%00b').set(auth).expect(400);
    expect(query.body.errors).toEqual([{ field: 'q', message: 'không được chứa ký tự NUL (\\u0000)' }]);
  });

  it('a URL the router cannot read → problem+json: a broken %-escape 400, an overlong id 414', async () => {
    const auth = { authorization: `Bearer ${await t.adminToken()}` };
    const broken = await t.http().get('/api/v1/admin/outbox/%E0%A4%A').set(auth).expect(400);
    expect(broken.headers['content-type']).toMatch(PROBLEM);
    expect(broken.body).toMatchObject({ status: 400, code: 'malformed_url' });
    const long = await t
      .http()
      .get(`/api/v1/admin/outbox/${'x'.repeat(150)}`)
      .set(auth)
      .expect(414);
    expect(long.headers['content-type']).toMatch(PROBLEM);
    expect(long.body).toMatchObject({ status: 414, code: 'path_parameter_too_long', title: 'Đường dẫn quá dài' });
  });

  it('bad pagination → 400 naming limit or cursor', async () => {
    const token = await t.adminToken();
    const auth = { authorization: `Bearer ${token}` };
    const tooMany = await t.http().get('/api/v1/admin/outbox?limit=500').set(auth).expect(400);
    expect(tooMany.body.errors).toEqual([{ field: 'limit', message: 'không được lớn hơn 200' }]);
    const badCursor = await t.http().get('/api/v1/admin/outbox?cursor=%%%').set(auth).expect(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
  });

  it('echoes a request id, or makes one', async () => {
    const given = await t.http().get('/health').set('x-request-id', 'req-123').expect(200);
    expect(given.headers['x-request-id']).toBe('req-123');
    const made = await t.http().get('/health').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
