import { asAdmin, loginAs } from '../support/actors';
import { TestApp, useTestApp } from '../support/test-app';
import { QUEUE_NAMES } from '../../src/queue/job-registry';

describe('queue dashboard at /admin/queues', () => {
  const app = useTestApp();
  let t: TestApp;

  beforeAll(() => {
    t = app();
  });

  const openSession = async () => {
    const res = await t
      .http()
      .post('/api/v1/admin/queues/session')
      .set(await asAdmin(t))
      .expect(204);
    const cookie = String(res.headers['set-cookie']);
    return { res, cookie, pair: cookie.split(';')[0] };
  };

  it('is closed without the cookie (401), or with a forged or malformed one', async () => {
    for (const cookie of [
      undefined,
      'lyluan_queues=x',
      `lyluan_queues=${'0'.repeat(36)}.9999999999.${'a'.repeat(43)}`,
    ]) {
      const req = t.http().get('/admin/queues');
      const res = await (cookie ? req.set('cookie', cookie) : req).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('queue_board_session_required');
    }
    await t.http().get('/admin/queues/api/queues').expect(401);
    // A bearer token is no way in either: the page cannot send one, and only the cookie is checked.
    await t
      .http()
      .get('/admin/queues/api/queues')
      .set(await asAdmin(t))
      .expect(401);
  });

  it('gives the cookie to system admins only: a school admin 403, no token 401', async () => {
    const schoolAdmin = await loginAs(t, 'qtv.tuyenquang');
    const refused = await t.http().post('/api/v1/admin/queues/session').set(schoolAdmin).expect(403);
    expect(refused.headers['set-cookie']).toBeUndefined();
    await t.http().post('/api/v1/admin/queues/session').expect(401);
  });

  it('opens the page with a short-lived HttpOnly SameSite=Strict cookie; its API lists every queue with counts', async () => {
    const { cookie, pair } = await openSession();
    expect(cookie).toMatch(/^lyluan_queues=[^;]+; Path=\/admin\/queues; Max-Age=900; HttpOnly; SameSite=Strict$/);
    const page = await t.http().get('/admin/queues').set('cookie', pair).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('/admin/queues');
    const api = await t.http().get('/admin/queues/api/queues').set('cookie', pair).expect(200);
    const names = api.body.queues.map((q: { name: string }) => q.name).sort();
    expect(names).toEqual([...QUEUE_NAMES].sort());
    for (const queue of api.body.queues) {
      expect(queue.counts).toEqual(
        expect.objectContaining({ waiting: expect.any(Number), failed: expect.any(Number) }),
      );
      expect(queue.readOnlyMode).toBe(true);
    }
  });

  it('refuses the cookie once it has expired', async () => {
    const { QueueBoardPasses } = await import('../../src/queue/board/queue-board');
    const passes = t.app.get(QueueBoardPasses);
    const stale = passes.issue('00000000-0000-4000-8000-000000000000', Date.now() - 16 * 60_000);
    expect(passes.verify(stale.value)).toBeNull();
    await t.http().get('/admin/queues').set('cookie', `lyluan_queues=${stale.value}`).expect(401);
    const fresh = passes.issue('00000000-0000-4000-8000-000000000000');
    expect(passes.verify(fresh.value)).toBe('00000000-0000-4000-8000-000000000000');
  });
});
