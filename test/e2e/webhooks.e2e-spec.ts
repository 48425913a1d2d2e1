import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Headers, loginAs, referenceCourseId, unitId } from '../support/actors';
import { runClass, saveSettings } from '../support/certificates';
import { createClass, openClass } from '../support/classes';
import { FactRecorderModule } from '../support/fact-recorder.module';
import { eventually, TestApp, useTestApp } from '../support/test-app';

const PROBLEM = /application\/problem\+json/;

interface Received {
  path: string;
  id: string;
  verified: boolean;
  body: { type: string; timestamp: string; data: Record<string, unknown> };
}

/**
 * A receiver on loopback: it verifies each delivery with the secret of its path, records it, and
 * answers 500 to a path's first `failFirst[path]` requests (every one when Infinity), 200 after.
 */
class Receiver {
  readonly received: Received[] = [];
  readonly secrets = new Map<string, string>();
  private readonly server: Server;
  private readonly seen = new Map<string, number>();

  constructor(private readonly failFirst: Record<string, number>) {
    this.server = createServer((req, res) => void this.handle(req).then((status) => res.writeHead(status).end()));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  of(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** The events of a path, once each: repeats of one `webhook-id` are the same event. */
  events(path: string): Received[] {
    const byId = new Map(this.of(path).map((r) => [r.id, r]));
    return [...byId.values()];
  }

  private async handle(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    let verified = false;
    try {
      new StandardWebhook(this.secrets.get(path)!).verify(raw, req.headers as Record<string, string>);
      verified = true;
    } catch {
      verified = false;
    }
    this.received.push({ path, id: String(req.headers['webhook-id']), verified, body: JSON.parse(raw) });
    const n = (this.seen.get(path) ?? 0) + 1;
    this.seen.set(path, n);
    return n <= (this.failFirst[path] ?? 0) ? 500 : 200;
  }
}

describe('webhooks: signed deliveries of a unit subtree’s events, retried, logged, guarded', () => {
  const app = useTestApp({
    env: {
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_BACKOFF_MS: '50',
      WEBHOOK_MAX_ATTEMPTS: '4',
      WEBHOOK_DISABLE_AFTER_FAILURES: '2',
    },
    extra: [FactRecorderModule],
  });
  const receiver = new Receiver({ '/tq-closed': 3, '/down': Infinity });
  let t: TestApp;
  let tuyenQuang: Headers;
  let bacNinh: Headers;
  let instructor: Headers;
  let tuyenQuangUnit: string;
  let courseId: string;
  const hooks: Record<string, { id: string; secret: string; url: string }> = {};

  const create = async (as: Headers, path: string, body: Record<string, unknown>) => {
    const res = await t
      .http()
      .post('/api/v1/webhooks')
      .set(as)
      .send({ url: receiver.url(path), ...body });
    if (res.status !== 201) throw new Error(`POST /webhooks: ${res.status} ${res.text}`);
    receiver.secrets.set(path, res.body.secret);
    hooks[path] = res.body;
    return res.body;
  };
  const attempts = async (as: Headers, path: string) =>
    (await t.http().get(`/api/v1/webhooks/${hooks[path].id}/deliveries`).set(as).expect(200)).body.items;

  beforeAll(async () => {
    t = app();
    await receiver.start();
    tuyenQuang = await loginAs(t, 'qtv.tuyenquang');
    bacNinh = await loginAs(t, 'qtv.bacninh');
    instructor = await loginAs(t, 'gv.tuyenquang');
    tuyenQuangUnit = await unitId(t, 'TCT-TUYENQUANG');
    courseId = await referenceCourseId(t);
    await saveSettings(t, tuyenQuang, 'TCT-TUYENQUANG');
    const all = ['enrollment.completed', 'enrollment.failed', 'certificate.issued', 'class.closed'];
    await create(tuyenQuang, '/tq-closed', {
      events: ['class.closed'],
      secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
    });
    await create(tuyenQuang, '/tq-all', { events: all });
    await create(tuyenQuang, '/down', { events: ['class.closed'] });
    await create(bacNinh, '/bn', { events: all });
  });

  afterAll(() => receiver.stop());

  describe('a class of Tuyên Quang closes', () => {
    let classId: string;

    beforeAll(async () => {
      const run = await runClass(t, tuyenQuang, { courseId, orgUnitId: tuyenQuangUnit }, [
        { username: 'wh.1', fullName: 'Nguyễn Thị Hồng Nhung', dateOfBirth: '1990-01-10', outcome: 'present' },
        { username: 'wh.2', fullName: 'Trần Văn Đức', dateOfBirth: '1991-02-11', outcome: 'present' },
        { username: 'wh.3', fullName: 'Lê Thị Ánh', dateOfBirth: '1992-03-12', outcome: 'absent' },
      ]);
      classId = run.classId;
      await eventually(() => Promise.resolve(receiver.events('/tq-all').length >= 6 || null), 30_000);
    });

    it('answered 500 three times, the event arrives on the fourth attempt, verified, once by webhook-id', async () => {
      const requests = await eventually(() =>
        Promise.resolve(receiver.of('/tq-closed').length === 4 ? receiver.of('/tq-closed') : null),
      );
      expect(requests.every((r) => r.verified)).toBe(true);
      expect(new Set(requests.map((r) => r.id)).size).toBe(1);
      const [event] = receiver.events('/tq-closed');
      expect(event.body).toMatchObject({
        type: 'class.closed',
        data: { classId, orgUnitId: tuyenQuangUnit, orgUnitCode: 'TCT-TUYENQUANG' },
      });
      expect(Date.parse(event.body.timestamp)).not.toBeNaN();
      const log = await eventually(async () => {
        const items = await attempts(tuyenQuang, '/tq-closed');
        return items.length === 4 && items[0].deliveryStatus === 'succeeded' ? items : null;
      });
      expect(log.map((a: { attempt: number }) => a.attempt)).toEqual([4, 3, 2, 1]);
      expect(log.map((a: { statusCode: number }) => a.statusCode)).toEqual([200, 500, 500, 500]);
      expect(log[0]).toMatchObject({ deliveryId: event.id, type: 'class.closed', error: null });
      expect(log[1].error).toMatch(/500/);
      for (const a of log) expect(a.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('a subscriber of every event hears completions, failures, certificates and the closing, signed', async () => {
      const events = receiver.events('/tq-all');
      expect(events.every((e) => e.verified)).toBe(true);
      expect(events.map((e) => e.body.type).sort()).toEqual([
        'certificate.issued',
        'certificate.issued',
        'class.closed',
        'enrollment.completed',
        'enrollment.completed',
        'enrollment.failed',
      ]);
      for (const e of events) expect(e.body.data).toMatchObject({ classId, orgUnitId: tuyenQuangUnit });
      const completed = events.find((e) => e.body.type === 'enrollment.completed')!;
      expect(completed.body.data.userId).toEqual(expect.any(String));
      expect(completed.body.data.enrollmentId).toEqual(expect.any(String));
    });

    it('a webhook of another province never receives this province’s events', async () => {
      await eventually(async () => {
        const [{ n }] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM outbox_events WHERE subscriber LIKE 'webhooks.%' AND status <> 'done'`,
        );
        return n === 0;
      });
      expect(receiver.of('/bn')).toEqual([]);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE webhook_id = $1`,
        [hooks['/bn'].id],
      );
      expect(n).toBe(0);
      expect(await attempts(bacNinh, '/bn')).toEqual([]);
    });

    it('after 2 failed deliveries in a row the webhook is disabled and webhook.disabled is published', async () => {
      const other = await createClass(t, tuyenQuang, { courseId, orgUnitId: tuyenQuangUnit });
      await openClass(t, tuyenQuang, other.id);
      await t.http().post(`/api/v1/classes/${other.id}/close`).set(tuyenQuang).expect(200);
      const disabled = await eventually(async () => {
        const res = await t.http().get('/api/v1/webhooks').set(tuyenQuang).expect(200);
        const down = res.body.items.find((w: { id: string }) => w.id === hooks['/down'].id);
        return down.status === 'disabled' ? down : null;
      });
      expect(disabled.disabledAt).toEqual(expect.any(String));
      const log = await attempts(tuyenQuang, '/down');
      expect(disabled.consecutiveFailures).toBe(2);
      expect(log).toHaveLength(8);
      expect(new Set(log.map((a: { deliveryId: string }) => a.deliveryId)).size).toBe(2);
      const facts = await eventually(async () => {
        const rows = await t.dataSource.query(
          `SELECT DISTINCT payload FROM outbox_events WHERE topic = 'webhook.disabled'`,
        );
        return rows.length > 0 ? rows : null;
      });
      const [admin] = await t.dataSource.query(`SELECT id FROM users WHERE username = 'qtv.tuyenquang'`);
      expect(facts).toEqual([
        {
          payload: {
            webhookId: hooks['/down'].id,
            orgUnitId: tuyenQuangUnit,
            ownerUserId: admin.id,
            url: hooks['/down'].url,
            lastError: expect.any(String),
          },
        },
      ]);
      // Its owner is told, in-app.
      const told = await eventually(async () => {
        const mine = await t.http().get('/api/v1/me/notifications').set(tuyenQuang).expect(200);
        return mine.body.items.find((n: { kind: string }) => n.kind === 'webhook.disabled');
      });
      expect(told).toMatchObject({ title: 'Webhook đã bị tắt', link: { type: 'webhook', id: hooks['/down'].id } });
      expect(told.body).toContain(hooks['/down'].url);
      // The healthy webhooks were reset by their successes and stay active.
      const res = await t.http().get('/api/v1/webhooks').set(tuyenQuang).expect(200);
      const tqAll = res.body.items.find((w: { id: string }) => w.id === hooks['/tq-all'].id);
      expect(tqAll).toMatchObject({ status: 'active', consecutiveFailures: 0 });
    });
  });

  it('shows the secret once: never in the list', async () => {
    expect(hooks['/tq-closed'].secret).toBe(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    expect(hooks['/tq-all'].secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const res = await t.http().get('/api/v1/webhooks').set(tuyenQuang).expect(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(3);
    for (const item of res.body.items) expect(item).not.toHaveProperty('secret');
    expect(JSON.stringify(res.body)).not.toContain('whsec_');
  });

  it('lists only the caller’s units’ webhooks; another unit’s is 404; a wrong role is 403', async () => {
    const mine = await t.http().get('/api/v1/webhooks').set(bacNinh).expect(200);
    expect(mine.body.items.map((w: { id: string }) => w.id)).toEqual([hooks['/bn'].id]);
    for (const res of [
      await t.http().get(`/api/v1/webhooks/${hooks['/tq-all'].id}/deliveries`).set(bacNinh),
      await t.http().delete(`/api/v1/webhooks/${hooks['/tq-all'].id}`).set(bacNinh),
      await t
        .http()
        .post('/api/v1/webhooks')
        .set(bacNinh)
        .send({
          url: receiver.url('/x'),
          events: ['class.closed'],
          orgUnitId: tuyenQuangUnit,
        }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    await t.http().get('/api/v1/webhooks').set(instructor).expect(403);
    await t
      .http()
      .post('/api/v1/webhooks')
      .set(instructor)
      .send({ url: receiver.url('/x'), events: ['class.closed'] })
      .expect(403);
  });

  it.each([
    [{ url: 'ftp://example.org/hook', events: ['class.closed'] }, 'url'],
    [{ url: 'không phải url', events: ['class.closed'] }, 'url'],
    [{ events: ['class.closed'] }, 'url'],
    [{ url: 'https://203.0.113.10/hook', events: [] }, 'events'],
    [{ url: 'https://203.0.113.10/hook', events: ['user.created'] }, 'events'],
    [{ url: 'https://203.0.113.10/hook', events: ['class.closed', 'class.closed'] }, 'events'],
    [{ url: 'https://203.0.113.10/hook', events: ['class.closed'], secret: 'abc' }, 'secret'],
    [{ url: 'https://203.0.113.10/hook', events: ['class.closed'], secret: 'whsec_QUJD' }, 'secret'],
    [{ url: 'https://203.0.113.10/hook', events: ['class.closed'], orgUnitId: 'x' }, 'orgUnitId'],
    [{ url: 'https://203.0.113.10/hook', events: ['class.closed'], extra: 1 }, 'extra'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await t.http().post('/api/v1/webhooks').set(tuyenQuang).send(body).expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field }));
  });

  it('deleting stops deliveries and keeps the log; the deleted webhook is 404 afterwards', async () => {
    const made = await create(tuyenQuang, '/deleted', { events: ['class.closed'] });
    await t.http().delete(`/api/v1/webhooks/${made.id}`).set(tuyenQuang).expect(204);
    await t.http().delete(`/api/v1/webhooks/${made.id}`).set(tuyenQuang).expect(404);
    await t.http().get(`/api/v1/webhooks/${made.id}/deliveries`).set(tuyenQuang).expect(404);
    const list = await t.http().get('/api/v1/webhooks').set(tuyenQuang).expect(200);
    expect(list.body.items.map((w: { id: string }) => w.id)).not.toContain(made.id);
    const [row] = await t.dataSource.query(`SELECT status, deleted_at FROM webhooks WHERE id = $1`, [made.id]);
    expect(row.status).toBe('deleted');
    expect(row.deleted_at).not.toBeNull();
  });
});

describe('webhooks: private targets refused when not allowed', () => {
  const app = useTestApp();

  it.each([
    'http://127.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://2130706433/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/',
    'http://100.64.1.1/',
    'http://[fd00:ec2::254]/',
  ])('%s is refused with 400 naming url', async (url) => {
    const as = await loginAs(app(), 'qtv.tuyenquang');
    const res = await app()
      .http()
      .post('/api/v1/webhooks')
      .set(as)
      .send({ url, events: ['class.closed'] })
      .expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors).toEqual([{ field: 'url', message: expect.any(String) }]);
  });

  it('names the reason: a loopback address is internal', async () => {
    const as = await loginAs(app(), 'qtv.tuyenquang');
    const res = await app()
      .http()
      .post('/api/v1/webhooks')
      .set(as)
      .send({ url: 'http://127.0.0.1/', events: ['class.closed'] })
      .expect(400);
    expect(res.body.errors[0].message).toMatch(/nội bộ.*127\.0\.0\.1/);
  });

  it('checks again at delivery: a private target stored anyway is an attempt that sends nothing', async () => {
    const t = app();
    const receiver = new Receiver({});
    await receiver.start();
    try {
      const as = await loginAs(t, 'qtv.tuyenquang');
      const unit = await unitId(t, 'TCT-TUYENQUANG');
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO webhooks (org_unit_id, url, events, secret) VALUES ($1, $2, '{class.closed}', $3) RETURNING id`,
        [unit, receiver.url('/sneaky'), `whsec_${Buffer.alloc(32, 1).toString('base64')}`],
      );
      const created = await createClass(t, as, { courseId: await referenceCourseId(t), orgUnitId: unit });
      await openClass(t, as, created.id);
      await t.http().post(`/api/v1/classes/${created.id}/close`).set(as).expect(200);
      const [attempt] = await eventually(async () => {
        const res = await t.http().get(`/api/v1/webhooks/${id}/deliveries`).set(as).expect(200);
        return res.body.items.length > 0 ? res.body.items : null;
      });
      expect(attempt).toMatchObject({ attempt: 1, statusCode: null, deliveryStatus: 'pending' });
      expect(attempt.error).toMatch(/từ chối.*127\.0\.0\.1/);
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.stop();
    }
  });

  it('a public address is accepted', async () => {
    const as = await loginAs(app(), 'qtv.tuyenquang');
    const res = await app()
      .http()
      .post('/api/v1/webhooks')
      .set(as)
      .send({ url: 'https://203.0.113.10/hook', events: ['class.closed'] })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'active', orgUnitId: await unitId(app(), 'TCT-TUYENQUANG') });
  });
});
