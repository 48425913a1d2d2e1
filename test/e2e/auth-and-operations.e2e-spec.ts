import { ADMIN, TestApp, useTestApp } from '../support/test-app';

describe('authentication, health, metrics and docs', () => {
  const app = useTestApp();
  let t: TestApp;

  beforeAll(() => {
    t = app();
  });

  it('is live and ready, naming each dependency', async () => {
    await t.http().get('/health').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
  });

  it('denies by default: no token, a bad token → 401 problem+json', async () => {
    const none = await t.http().get('/api/v1/me').expect(401);
    expect(none.body.code).toBe('unauthenticated');
    await t.http().get('/api/v1/me').set('authorization', 'Bearer abc.def.ghi').expect(401);
  });

  it('the seeded admin logs in (username in any case) and is a system admin', async () => {
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: ADMIN.username.toUpperCase(), password: ADMIN.password })
      .expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const me = await t.http().get('/api/v1/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ username: ADMIN.username, roles: [{ role: 'system_admin', orgUnitId: null }] });
    expect(JSON.stringify(me.body)).not.toContain('$argon2');
  });

  it('a wrong password or unknown user → the same 401', async () => {
    const wrong = await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: 'sai' }).expect(401);
    const unknown = await t.http().post('/api/v1/auth/login').send({ username: 'ai-do', password: 'sai' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('invalid_credentials');
  });

  it('seeding again creates nothing twice', async () => {
    const count = async () =>
      (await t.dataSource.query(`SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM org_units) AS n`))[0].n;
    const before = await count();
    const { prepareDatabase } = await import('../../src/database/prepare-database');
    await prepareDatabase(t.env);
    expect(await count()).toBe(before);
  });

  it('exposes Prometheus metrics: route latency, queue depths, outbox backlog', async () => {
    await t.http().get('/api/v1/me').expect(401);
    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/lyluan_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/me"/);
    expect(res.text).toMatch(/lyluan_queue_jobs\{queue="system",state="waiting"\} \d+/);
    expect(res.text).toMatch(/lyluan_outbox_events\{status="pending"\} \d+/);
  });

  it('serves the OpenAPI UI and JSON without auth', async () => {
    const json = await t.http().get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/api/v1/auth/login');
    const ui = await t.http().get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });
});

describe('housekeeping jobs', () => {
  const app = useTestApp();

  it('are scheduled by the worker, once each', async () => {
    const { QueueService } = await import('../../src/queue/queue.service');
    const schedulers = await app().app.get(QueueService).queue('system').getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([
      'auth.refresh-tokens.purge',
      'idempotency.purge',
      'outbox.purge',
    ]);
  });

  it('purge refresh tokens of finished sessions only', async () => {
    const t = app();
    const { RefreshTokenPurgeHandler } = await import('../../src/modules/auth/refresh-token-purge.handler');
    const login = () => t.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
    const ended = await login();
    const live = await login();
    await t
      .http()
      .post('/api/v1/auth/logout')
      .set('authorization', `Bearer ${ended.body.accessToken}`)
      .send({ refreshToken: ended.body.refreshToken })
      .expect(204);
    await t.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now() - interval '8 days' WHERE revoked_at IS NOT NULL`,
    );
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM refresh_tokens`))[0].n;
    const { deleted } = await t.app.get(RefreshTokenPurgeHandler).purge({}, { em: t.dataSource.manager } as never);
    expect(deleted).toBe(1);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM refresh_tokens`))[0].n).toBe(before - 1);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: live.body.refreshToken }).expect(200);
  });

  it('purge idempotency keys past their time to live only', async () => {
    const t = app();
    const { IdempotencyPurgeHandler } = await import('../../src/idempotency/idempotency-purge.handler');
    await t.dataSource.query(
      `INSERT INTO idempotency_records (owner, key, fingerprint, response, completed_at, created_at)
       VALUES ('user:probe', 'old', 'f', '{}', now(), now() - interval '25 hours'),
              ('user:probe', 'fresh', 'f', '{}', now(), now() - interval '23 hours')`,
    );
    const { deleted } = await t.app.get(IdempotencyPurgeHandler).purge({}, { em: t.dataSource.manager } as never);
    expect(deleted).toBe(1);
    const left = await t.dataSource.query(`SELECT key FROM idempotency_records WHERE owner = 'user:probe'`);
    expect(left).toEqual([{ key: 'fresh' }]);
  });
});
