import { randomUUID } from 'node:crypto';
import { QueueService } from '../../src/queue/queue.service';
import { TestApp, useTestApp } from '../support/test-app';

const TOKEN = 'scraper-token-0123456789';

describe('/metrics behind METRICS_TOKEN, with queue and outbox lag', () => {
  // An API process: no relay and no workers, so what is waiting stays waiting.
  const app = useTestApp({ env: { METRICS_TOKEN: TOKEN, PROCESS_ROLE: 'api' } });
  let t: TestApp;

  beforeAll(() => {
    t = app();
  });

  it('answers 401 without the token or with another one, and never to an access token', async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, TOKEN, `Bearer ${await t.adminToken()}`]) {
      const req = t.http().get('/metrics');
      const res = await (authorization ? req.set('authorization', authorization) : req).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('metrics_token_required');
    }
  });

  it('shows how long the oldest waiting job and the oldest due outbox event have waited', async () => {
    await t.dataSource.query(
      `INSERT INTO outbox_events (event_id, topic, subscriber, payload, available_at)
       VALUES ($1, 'class.closed', 'probe.lag', '{}', now() - interval '2 minutes')`,
      [randomUUID()],
    );
    await t.app
      .get(QueueService)
      .queue('system')
      .add('probe.lag', {}, { timestamp: Date.now() - 90_000 });
    const res = await t.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const value = (line: RegExp) => Number(res.text.match(line)?.[1]);
    expect(value(/^lyluan_outbox_lag_seconds (\S+)$/m)).toBeGreaterThanOrEqual(120);
    expect(value(/^lyluan_queue_lag_seconds\{queue="system"\} (\S+)$/m)).toBeGreaterThanOrEqual(90);
    expect(value(/^lyluan_queue_lag_seconds\{queue="grading"\} (\S+)$/m)).toBe(0);
  });
});
