import { PROBLEM_CONTENT_TYPE } from '../../src/common/problem';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, dropTestResources, eventually, startTestApp, TestApp } from '../support/test-app';
import { databaseUrl } from '../support/test-databases';

/**
 * PostgreSQL behind a proxy of the test's own, cut while the app runs: requests get a quick 503
 * with Retry-After, a valid token is never answered 401, and the same process recovers.
 */
describe('database outage: 503 with Retry-After, never 401', () => {
  const direct = new URL(databaseUrl('postgres'));
  const proxy = new TcpProxy(direct.hostname, Number(direct.port || 5432));
  const CONNECT_TIMEOUT_MS = 1000;
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    const port = await proxy.start();
    const database = await createTestDatabase();
    const proxied = new URL(databaseUrl(database));
    proxied.host = `127.0.0.1:${port}`;
    t = await startTestApp({
      database,
      env: { DATABASE_URL: proxied.toString(), DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS) },
    });
    token = await t.adminToken();
  });

  afterAll(async () => {
    await t.close();
    await proxy.cut();
    await dropTestResources(t.env, t.database);
  });

  it('answers 503 problem+json with Retry-After while PostgreSQL is gone, then 200 again', async () => {
    await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(200);
    await proxy.cut();

    const started = Date.now();
    const me = await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);
    expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 2000);
    expect(me.status).toBe(503);
    expect(me.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(me.headers['retry-after']).toBe('5');
    expect(me.body).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(me.body.detail).toContain('cơ sở dữ liệu');
    expect(JSON.stringify(me.body)).not.toMatch(/ECONNREFUSED|terminated|timeout exceeded/);

    // A well-formed API key (looked up), a login and a write are refused the same way, not as bad credentials.
    const key = await t
      .http()
      .get('/api/v1/org-units')
      .set('x-api-key', 'lyl_000000000000_' + 'a'.repeat(32));
    expect(key.status).toBe(503);
    const login = await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: 'x' });
    expect(login.status).toBe(503);
    const write = await t
      .http()
      .patch('/api/v1/me')
      .set('authorization', `Bearer ${token}`)
      .send({ fullName: 'Quản trị hệ thống' });
    expect(write.status).toBe(503);

    await proxy.restore();
    await eventually(async () => {
      const res = await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);
      return res.status === 200 ? res : undefined;
    }, 10_000);
  });

  it('answers 503 within the connect timeout when PostgreSQL hangs instead of refusing', async () => {
    await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(200);
    proxy.hang();
    const started = Date.now();
    const me = await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);
    const elapsed = Date.now() - started;
    expect(me.status).toBe(503);
    expect(me.headers['retry-after']).toBe('5');
    expect(elapsed).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 100);
    expect(elapsed).toBeLessThan(CONNECT_TIMEOUT_MS + 2000);
    await proxy.restore();
    await eventually(async () => {
      const res = await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);
      return res.status === 200 ? res : undefined;
    }, 10_000);
  });

  it('still answers 401 to a token that is not valid, database or not', async () => {
    await t.http().get('/api/v1/me').set('authorization', 'Bearer not-a-token').expect(401);
  });
});
