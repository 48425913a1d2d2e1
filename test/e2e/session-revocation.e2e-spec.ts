import { loginAs, userId } from '../support/actors';
import { TestApp, useTestApp } from '../support/test-app';
import { RedisConnections } from '../../src/queue/redis-connections';
import { DEMO_PASSWORD } from '../../src/seed/demo-tree';

type Session = { accessToken: string; refreshToken: string };

describe('access tokens end with their session', () => {
  const app = useTestApp({ env: { SESSION_REVOCATION_CACHE_MS: '1000' } });
  let t: TestApp;

  beforeAll(() => {
    t = app();
  });

  const login = async (username: string, password = DEMO_PASSWORD): Promise<Session> =>
    (await t.http().post('/api/v1/auth/login').send({ username, password }).expect(200)).body;
  const me = (session: Session) => t.http().get('/api/v1/me').set('authorization', `Bearer ${session.accessToken}`);
  const refused = async (session: Session) => {
    const res = await me(session).expect(401);
    expect(res.body.code).toBe('unauthenticated');
  };

  it('after logout: that session is refused within a second, the other sessions of the user stay valid', async () => {
    const phone = await login('hv.kinhbac.1');
    const laptop = await login('hv.kinhbac.1');
    // Seen alive just before, so a cached answer would say so: the logout must replace it.
    await me(phone).expect(200);
    await t
      .http()
      .post('/api/v1/auth/logout')
      .set('authorization', `Bearer ${phone.accessToken}`)
      .send({ refreshToken: phone.refreshToken })
      .expect(204);
    await refused(phone);
    await me(laptop).expect(200);
  });

  it('after a password change: every session of the user, the new login works', async () => {
    const phone = await login('hv.kinhbac.2');
    const laptop = await login('hv.kinhbac.2');
    await me(laptop).expect(200);
    await t
      .http()
      .patch('/api/v1/me')
      .set('authorization', `Bearer ${phone.accessToken}`)
      .send({ password: { current: DEMO_PASSWORD, new: 'mat-khau-moi-2026' } })
      .expect(200);
    await refused(phone);
    await refused(laptop);
    const fresh = await login('hv.kinhbac.2', 'mat-khau-moi-2026');
    await me(fresh).expect(200);
  });

  it('after a refresh-token reuse revokes the family: its access tokens too, not the other sessions', async () => {
    const stolen = await login('hv.kinhbac.3');
    const elsewhere = await loginAs(t, 'hv.kinhbac.3');
    const refresh = (refreshToken: string) => t.http().post('/api/v1/auth/refresh').send({ refreshToken });
    const rotated: Session = (await refresh(stolen.refreshToken).expect(200)).body;
    await me(rotated).expect(200);
    // Past the reuse grace, presenting the used token again is a theft signal.
    await t.dataSource.query(
      `UPDATE refresh_tokens SET used_at = now() - interval '1 hour' WHERE user_id = $1 AND used_at IS NOT NULL`,
      [await userId(t, 'hv.kinhbac.3')],
    );
    const reused = await refresh(stolen.refreshToken).expect(401);
    expect(reused.body.code).toBe('refresh_token_reused');
    await refused(rotated);
    await refused(stolen);
    await t.http().get('/api/v1/me').set(elsewhere).expect(200);
  });

  it('refuses within a second a session another process ended, though this one saw it alive', async () => {
    const session = await login('thongke.hvctkv1');
    await me(session).expect(200);
    const [{ family_id: sid }] = await t.dataSource.query(
      `SELECT family_id FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [await userId(t, 'thongke.hvctkv1')],
    );
    // What another API process writes on logout: this one has only its cached answer to go by.
    await t.app.get(RedisConnections).client.set(`${t.env.QUEUE_PREFIX}:ended-session:${sid}`, '1', 'EX', 960);
    const ended = Date.now();
    while ((await me(session)).status !== 401) {
      expect(Date.now() - ended).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(Date.now() - ended).toBeLessThan(1100);
  });

  it('marks ended sessions in Redis for as long as their access tokens could live, and no longer', async () => {
    const session = await login('gv.bacninh');
    const [{ family_id: sid }] = await t.dataSource.query(
      `SELECT family_id FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [await userId(t, 'gv.bacninh')],
    );
    await t
      .http()
      .post('/api/v1/auth/logout')
      .set('authorization', `Bearer ${session.accessToken}`)
      .send({ refreshToken: session.refreshToken })
      .expect(204);
    const ttl = await t.app.get(RedisConnections).client.ttl(`${t.env.QUEUE_PREFIX}:ended-session:${sid}`);
    expect(ttl).toBeGreaterThan(15 * 60);
    expect(ttl).toBeLessThanOrEqual(16 * 60);
  });
});
