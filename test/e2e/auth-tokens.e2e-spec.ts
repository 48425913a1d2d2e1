import { JwtService } from '@nestjs/jwt';
import type { Response } from 'supertest';
import { RefreshTokenService } from '../../src/modules/auth/refresh-token.service';
import type { Role } from '../../src/modules/auth/permissions';
import { hashPassword } from '../../src/modules/auth/passwords';
import { TcpProxy } from '../support/tcp-proxy';
import { ADMIN, dropTestResources, startTestApp, TestApp, useTestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-databases';

const PROBLEM = /^application\/problem\+json/;

type Http = ReturnType<TestApp['http']>;

/** `t.http()` that also keeps every response body, so a test can scan them all for hashes. */
function capturing(t: () => TestApp, bodies: string[]): () => Http {
  return () =>
    new Proxy(t().http(), {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const test = value.apply(target, args);
          return test.on('response', (res: Response) => bodies.push(res.text));
        };
      },
    });
}

async function createUser(t: TestApp, username: string, password: string, role: Role = 'learner'): Promise<string> {
  const [user] = await t.dataSource.query(
    `INSERT INTO users (username, full_name, password_hash) VALUES ($1, 'Trần Thị Bình', $2) RETURNING id`,
    [username, await hashPassword(password)],
  );
  await t.dataSource.query(`INSERT INTO role_assignments (user_id, role) VALUES ($1, $2)`, [user.id, role]);
  return user.id as string;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Every password hash and refresh token hash the database holds must be absent from every body. */
async function expectNoSecretsIn(t: TestApp, bodies: string[]): Promise<void> {
  const tokenHashes: { token_hash: string }[] = await t.dataSource.query(`SELECT token_hash FROM refresh_tokens`);
  const passwordHashes: { password_hash: string }[] = await t.dataSource.query(
    `SELECT password_hash FROM users WHERE password_hash IS NOT NULL`,
  );
  const secrets = [...tokenHashes.map((r) => r.token_hash), ...passwordHashes.map((r) => r.password_hash)];
  expect(tokenHashes.length).toBeGreaterThan(0);
  expect(bodies.length).toBeGreaterThan(10);
  for (const body of bodies) {
    expect(body).not.toContain('$argon2');
    for (const secret of secrets) expect(body).not.toContain(secret);
  }
}

describe('refresh tokens', () => {
  const app = useTestApp();
  const bodies: string[] = [];
  const http = capturing(app, bodies);
  let t: TestApp;
  const login = (credentials = ADMIN) =>
    http().post('/api/v1/auth/login').set('x-forwarded-for', '198.51.100.1').send(credentials);
  const refresh = (refreshToken: string) => http().post('/api/v1/auth/refresh').send({ refreshToken });

  beforeAll(() => {
    t = app();
  });

  it('login answers a pair; refresh rotates it within the family and the old token dies', async () => {
    const first = await login().expect(200);
    expect(first.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      tokenType: 'Bearer',
      expiresIn: 900,
    });

    const second = await refresh(first.body.refreshToken).expect(200);
    expect(second.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    await http().get('/api/v1/me').set(bearer(second.body.accessToken)).expect(200);
    const third = await refresh(second.body.refreshToken).expect(200);

    const rows: { id: string; family_id: string; used_at: Date | null; replaced_by_id: string | null }[] =
      await t.dataSource.query(
        `SELECT id, family_id, used_at, replaced_by_id FROM refresh_tokens ORDER BY created_at, used_at NULLS LAST`,
      );
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.family_id)).size).toBe(1);
    expect(rows[0].replaced_by_id).toBe(rows[1].id);
    expect(rows[1].replaced_by_id).toBe(rows[2].id);
    expect(rows.map((r) => r.used_at !== null)).toEqual([true, true, false]);
    await refresh(third.body.refreshToken).expect(200);
  });

  it('a retry with the just-rotated token inside the grace window → 401 and the family lives on', async () => {
    const first = (await login().expect(200)).body;
    const second = (await refresh(first.refreshToken).expect(200)).body;
    const retry = await refresh(first.refreshToken).expect(401);
    expect(retry.headers['content-type']).toMatch(PROBLEM);
    expect(retry.body.code).toBe('refresh_token_reused_recently');
    await refresh(second.refreshToken).expect(200);

    const [entry] = await t.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'auth.refresh.reused' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry.details).toMatchObject({ familyRevoked: false });
  });

  it('concurrent refreshes with one token: exactly one succeeds', async () => {
    const { refreshToken } = (await login().expect(200)).body;
    const results = await Promise.all(Array.from({ length: 8 }, () => refresh(refreshToken)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401, 401, 401, 401, 401, 401, 401]);
    for (const loser of results.filter((r) => r.status === 401)) {
      expect(loser.body.code).toBe('refresh_token_reused_recently');
    }
    const winner = results.find((r) => r.status === 200)!;
    await refresh(winner.body.refreshToken).expect(200);
  });

  it('unknown or malformed refresh tokens → 401 or 400', async () => {
    const unknown = await refresh('khong-phai-ma-that').expect(401);
    expect(unknown.body.code).toBe('invalid_refresh_token');
    await http().post('/api/v1/auth/refresh').send({}).expect(400);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: 'x', extra: 1 }).expect(400);
  });

  it('logout revokes the whole family, needs an access token, and is harmless to repeat', async () => {
    const first = (await login().expect(200)).body;
    const second = (await refresh(first.refreshToken).expect(200)).body;
    await http().post('/api/v1/auth/logout').send({ refreshToken: second.refreshToken }).expect(401);

    await http()
      .post('/api/v1/auth/logout')
      .set(bearer(second.accessToken))
      .send({ refreshToken: second.refreshToken })
      .expect(204);
    const dead = await refresh(second.refreshToken).expect(401);
    expect(dead.body.code).toBe('invalid_refresh_token');
    // The session's access tokens died with it; another session may repeat the logout harmlessly.
    await http().get('/api/v1/me').set(bearer(second.accessToken)).expect(401);
    const other = (await login().expect(200)).body;
    await http()
      .post('/api/v1/auth/logout')
      .set(bearer(other.accessToken))
      .send({ refreshToken: first.refreshToken })
      .expect(204);

    const [entry] = await t.dataSource.query(
      `SELECT actor_user_id, target_id FROM audit_log WHERE action = 'auth.logout' ORDER BY seq DESC LIMIT 1`,
    );
    const [token] = await t.dataSource.query(
      `SELECT user_id, family_id FROM refresh_tokens WHERE revoked_at IS NOT NULL`,
    );
    expect(entry).toEqual({ actor_user_id: token.user_id, target_id: token.family_id });
  });

  it("cannot log out someone else's session", async () => {
    await createUser(t, 'hocvien.logout', 'mat-khau-hoc-vien');
    const learner = (await login({ username: 'hocvien.logout', password: 'mat-khau-hoc-vien' }).expect(200)).body;
    const admin = (await login().expect(200)).body;
    const refused = await http()
      .post('/api/v1/auth/logout')
      .set(bearer(admin.accessToken))
      .send({ refreshToken: learner.refreshToken })
      .expect(401);
    expect(refused.body.code).toBe('invalid_refresh_token');
    await refresh(learner.refreshToken).expect(200);
  });

  it('revokeAllForUser kills every family of the user and no one else’s', async () => {
    const userId = await createUser(t, 'hocvien.doimatkhau', 'mat-khau-cu-123');
    const phone = (await login({ username: 'hocvien.doimatkhau', password: 'mat-khau-cu-123' }).expect(200)).body;
    const laptop = (await login({ username: 'hocvien.doimatkhau', password: 'mat-khau-cu-123' }).expect(200)).body;
    const admin = (await login().expect(200)).body;

    const revoked = await t.dataSource.transaction((em) =>
      t.app.get(RefreshTokenService).revokeAllForUser(em, userId, 'password_changed'),
    );
    expect(revoked).toHaveLength(2);
    await refresh(phone.refreshToken).expect(401);
    await refresh(laptop.refreshToken).expect(401);
    await refresh(admin.refreshToken).expect(200);
    const reasons = await t.dataSource.query(`SELECT DISTINCT revoked_reason FROM refresh_tokens WHERE user_id = $1`, [
      userId,
    ]);
    expect(reasons).toEqual([{ revoked_reason: 'password_changed' }]);
  });

  it('an expired access token → 401, the same token unexpired works', async () => {
    const me = await http()
      .get('/api/v1/me')
      .set(bearer((await login().expect(200)).body.accessToken))
      .expect(200);
    const jwt = new JwtService({ secret: t.env.JWT_SECRET });
    const now = Math.floor(Date.now() / 1000);
    const expired = jwt.sign({ sub: me.body.id, iat: now - 1000, exp: now - 100 });
    const fresh = jwt.sign({ sub: me.body.id, iat: now, exp: now + 100 });
    const refused = await http().get('/api/v1/me').set(bearer(expired)).expect(401);
    expect(refused.body.code).toBe('unauthenticated');
    await http().get('/api/v1/me').set(bearer(fresh)).expect(200);
    const otherSecret = new JwtService({ secret: 'some-other-secret-of-at-least-32-chars' });
    await http()
      .get('/api/v1/me')
      .set(bearer(otherSecret.sign({ sub: me.body.id })))
      .expect(401);
  });

  it('tokens of a deleted user stop working', async () => {
    const userId = await createUser(t, 'hocvien.daxoa', 'mat-khau-hoc-vien');
    const pair = (await login({ username: 'hocvien.daxoa', password: 'mat-khau-hoc-vien' }).expect(200)).body;
    await t.dataSource.query(`DELETE FROM users WHERE id = $1`, [userId]);
    await http().get('/api/v1/me').set(bearer(pair.accessToken)).expect(401);
    await refresh(pair.refreshToken).expect(401);
  });

  it('no response body contains a password hash or a token hash', async () => {
    await expectNoSecretsIn(t, bodies);
  });
});

describe('refresh token reuse after the grace window', () => {
  const app = useTestApp({ env: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
  let t: TestApp;

  beforeAll(() => {
    t = app();
  });

  it('→ 401, and the family is revoked: its newest token is dead too', async () => {
    const first = (await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200)).body;
    const second = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200))
      .body;

    const reuse = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('refresh_token_reused');
    const newest = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    expect(newest.body.code).toBe('invalid_refresh_token');

    const rows = await t.dataSource.query(`SELECT DISTINCT revoked_reason FROM refresh_tokens`);
    expect(rows).toEqual([{ revoked_reason: 'reuse' }]);
    const [entry] = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'auth.refresh.reused'`);
    expect(entry.details).toMatchObject({ familyRevoked: true });
  });
});

describe('failed-login throttle', () => {
  const app = useTestApp({ env: { LOGIN_WINDOW_SECONDS: '2' } });
  let t: TestApp;
  const login = (ip: string, credentials: { username: string; password: string }) =>
    t.http().post('/api/v1/auth/login').set('x-forwarded-for', ip).send(credentials);

  beforeAll(() => {
    t = app();
  });

  it('the 6th failure in the window → 429 with Retry-After, even with the right password; then it frees', async () => {
    const ip = '203.0.113.10';
    for (const username of ['admin', 'ADMIN', 'Admin', 'admin', 'aDmin']) {
      const res = await login(ip, { username, password: 'sai-mat-khau' }).expect(401);
      expect(res.body.code).toBe('invalid_credentials');
    }
    const throttled = await login(ip, { username: 'admin', password: 'sai-mat-khau' }).expect(429);
    expect(throttled.headers['content-type']).toMatch(PROBLEM);
    expect(throttled.body.code).toBe('too_many_login_attempts');
    const retryAfter = Number(throttled.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);

    const correct = await login(ip, ADMIN).expect(429);
    expect(correct.body).toEqual({ ...throttled.body, detail: expect.any(String) });
    await login('203.0.113.11', ADMIN).expect(429);

    await new Promise((r) => setTimeout(r, Number(correct.headers['retry-after']) * 1000 + 100));
    await login(ip, ADMIN).expect(200);
  });

  it('a successful login clears the username count', async () => {
    const ip = '203.0.113.30';
    for (let i = 0; i < 4; i++) await login(ip, { username: 'admin', password: 'sai' }).expect(401);
    await login('203.0.113.31', ADMIN).expect(200);
    for (let i = 0; i < 4; i++) await login('203.0.113.32', { username: 'admin', password: 'sai' }).expect(401);
    await login('203.0.113.33', ADMIN).expect(200);
  });

  it('per IP: failures for different usernames from one address throttle that address only', async () => {
    const ip = '203.0.113.20';
    for (let i = 1; i <= 5; i++) await login(ip, { username: `khong-co-${i}`, password: 'sai' }).expect(401);
    const throttled = await login(ip, ADMIN).expect(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await login('203.0.113.21', ADMIN).expect(200);
  });
});

describe('failed-login throttle with Redis unreachable', () => {
  const target = new URL(TEST_REDIS_URL);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
  let t: TestApp;

  beforeAll(async () => {
    const port = await proxy.start();
    // The throttle is the API's concern: an API-only process, as behind a load balancer.
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, PROCESS_ROLE: 'api' } });
  });

  afterAll(async () => {
    await t.close();
    await proxy.cut();
    await dropTestResources(t.env, t.database);
  });

  it('fails open: logins are checked and answered, never a 500', async () => {
    await proxy.cut();
    for (let i = 0; i < 6; i++) {
      await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: 'sai' }).expect(401);
    }
    await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
  });
});

describe('audit log', () => {
  const app = useTestApp();
  const bodies: string[] = [];
  const http = capturing(app, bodies);
  let t: TestApp;
  let adminToken: string;
  let adminId: string;
  const list = (query: string, token = adminToken) => http().get(`/api/v1/audit-log${query}`).set(bearer(token));

  beforeAll(async () => {
    t = app();
    const ip = '192.0.2.44';
    await http()
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', ip)
      .send({ username: 'ai-do', password: 'mat-khau-bi-mat-1' })
      .expect(401);
    await http()
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', ip)
      .send({ username: 'admin', password: 'mat-khau-bi-mat-2' })
      .expect(401);
    const login = await http().post('/api/v1/auth/login').set('x-forwarded-for', ip).send(ADMIN).expect(200);
    adminToken = login.body.accessToken;
    adminId = (await http().get('/api/v1/me').set(bearer(adminToken)).expect(200)).body.id;
    await http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
  });

  it('lists failed logins with the username tried and the address, never the password', async () => {
    const res = await list('?action=auth.login.failed').expect(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items).toEqual([
      expect.objectContaining({
        action: 'auth.login.failed',
        actorUserId: null,
        targetId: null,
        ip: '192.0.2.44',
        details: { username: 'ai-do' },
      }),
      expect.objectContaining({
        action: 'auth.login.failed',
        targetType: 'user',
        targetId: adminId,
        ip: '192.0.2.44',
        details: { username: 'admin' },
      }),
    ]);
    expect(res.text).not.toContain('mat-khau-bi-mat');
  });

  it('lists successful logins by actor, pages with a cursor and filters by time', async () => {
    const ok = await list(`?action=auth.login.succeeded&actorUserId=${adminId}`).expect(200);
    expect(ok.body.items).toEqual([
      expect.objectContaining({
        actorUserId: adminId,
        targetId: adminId,
        ip: '192.0.2.44',
        occurredAt: expect.any(String),
        details: { familyId: expect.any(String) },
      }),
    ]);

    const first = await list('?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await list(`?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
    expect(second.body.items.map((i: { action: string }) => i.action)).toContain('auth.login.succeeded');

    const before = new Date(Date.parse(first.body.items[0].occurredAt) - 60_000).toISOString();
    await list(`?to=${before}`)
      .expect(200)
      .expect((res) => expect(res.body.items).toEqual([]));
    const since = await list(`?from=${before}&targetId=${adminId}`).expect(200);
    expect(since.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('rejects bad filters with 400', async () => {
    await list('?actorUserId=abc').expect(400);
    await list('?from=hom-qua').expect(400);
    await list('?limit=0').expect(400);
  });

  it('is for system admins only: a learner → 403, no token → 401', async () => {
    await createUser(t, 'hocvien.audit', 'mat-khau-hoc-vien');
    const learner = await http()
      .post('/api/v1/auth/login')
      .send({ username: 'hocvien.audit', password: 'mat-khau-hoc-vien' })
      .expect(200);
    const forbidden = await list('', learner.body.accessToken).expect(403);
    expect(forbidden.body.code).toBe('forbidden');
    await http().get('/api/v1/audit-log').expect(401);
  });

  it('is append-only in the database itself', async () => {
    await expect(t.dataSource.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_log`);
    expect(count).toBeGreaterThanOrEqual(4);
  });

  it('no response body contains a password hash or a token hash', async () => {
    await expectNoSecretsIn(t, bodies);
  });
});
