import { PROBLEM_CONTENT_TYPE } from '../../src/common/problem';
import { OverloadMonitor } from '../../src/modules/health/overload';
import { asAdmin, Headers, referenceCourseId, unitId } from '../support/actors';
import { createClass } from '../support/classes';
import { eventually, TestApp, useTestApp } from '../support/test-app';

interface Answer {
  status: number;
  headers: globalThis.Headers;
  body: { code?: string; id?: string };
}

/** The app on a real port: far more concurrent connections than supertest opens comfortably. */
async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return t.app.getUrl();
}

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  // A request that hangs fails the test here.
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

/** The only answers overload may give besides success: 503 problem+json saying when to come back. */
function expectServedOrRefused(answers: Answer[]): void {
  const refused = answers.filter((a) => a.status === 503);
  const other = answers.filter((a) => a.status !== 503 && (a.status < 200 || a.status > 299));
  expect(other.map((a) => `${a.status} ${a.body.code}`)).toEqual([]);
  for (const a of refused) {
    expect(a.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(['service_unavailable', 'overloaded']).toContain(a.body.code);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const CONNECT_TIMEOUT_MS = 300;

/**
 * Requests the server took longer than `seconds` over (a bucket bound of its latency histogram):
 * measured from its side, since the clients share this process's event loop and CPU.
 */
function slowerThan(metrics: string, seconds: number): number {
  let all = 0;
  let within = 0;
  for (const [, labels, count] of metrics.matchAll(/^lyluan_http_request_duration_seconds_bucket\{(.*)\} (\d+)$/gm)) {
    if (labels.includes('le="+Inf"')) all += Number(count);
    if (labels.includes(`le="${seconds}"`)) within += Number(count);
  }
  return all - within;
}

/**
 * Without a limit on the pool's queue each statement of a request may wait out the connection
 * timeout in turn; with one, a request is refused at the door and none waits long. The bounds are
 * loose for a shared machine: the point is a second or two, not the 13 s a client once waited.
 */
describe.each([
  { by: "the pool's connection timeout alone", waiting: '0', boundSeconds: 5 },
  { by: "shedding on the pool's queue", waiting: '20', boundSeconds: 2.5 },
])('overload: 300 concurrent writes on a pool of 2, refused by $by', ({ waiting, boundSeconds }) => {
  const app = useTestApp({
    env: {
      DATABASE_POOL_SIZE: '2',
      DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      OVERLOAD_MAX_LOOP_DELAY_MS: '0',
      OVERLOAD_MAX_DATABASE_WAITING: waiting,
    },
  });
  let t: TestApp;
  let base: string;
  let admin: Headers;
  let classId: string;

  beforeAll(async () => {
    t = app();
    base = await listen(t);
    admin = await asAdmin(t);
    const created = await createClass(t, admin, {
      courseId: await referenceCourseId(t),
      orgUnitId: await unitId(t, 'TCT-TUYENQUANG'),
    });
    classId = created.id;
  });

  const WRITES = 300;
  const location = (i: number) => `Điểm cầu quá tải số ${i}`;
  const write = (i: number) =>
    send(`${base}/api/v1/classes/${classId}/sessions`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json', 'idempotency-key': `qua-tai-${i}` },
      body: JSON.stringify({
        startsAt: '2026-12-01T07:30:00+07:00',
        endsAt: '2026-12-01T11:00:00+07:00',
        lessonIds: [],
        location: location(i),
      }),
    });
  const read = () => send(`${base}/api/v1/classes/${classId}/sessions?limit=5`, { headers: admin });

  it('answers every request with 2xx or 503 within a bound, never a 500; retries with the same key land once', async () => {
    const writes = Promise.all(Array.from({ length: WRITES }, (_, i) => write(i)));
    const reads = Promise.all(Array.from({ length: 100 }, read));
    const [written, readAnswers] = await Promise.all([writes, reads]);
    const all = [...written, ...readAnswers];
    expectServedOrRefused(all);
    // Past capacity indeed: some were refused, and none hung.
    expect(all.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    expect(slowerThan(await fetch(`${base}/metrics`).then((r) => r.text()), boundSeconds)).toBe(0);

    // A client retrying what was refused with the same key, until it is done.
    const pending = new Set(written.flatMap((a, i) => (a.status === 503 ? [i] : [])));
    const replies: Answer[] = [];
    for (let round = 0; pending.size > 0 && round < 50; round++) {
      const batch = [...pending].slice(0, 10);
      const answers = await Promise.all(batch.map(write));
      answers.forEach((a, n) => {
        replies.push(a);
        if (a.status === 201) pending.delete(batch[n]);
      });
      if (answers.some((a) => a.status !== 201)) await sleep(100);
    }
    expect(pending.size).toBe(0);
    // A retry sees its key free (the refusal stored nothing) or, for an instant, still being released.
    expect(
      replies.filter((a) => a.status !== 201 && a.status !== 503 && a.body.code !== 'idempotency_in_progress'),
    ).toEqual([]);

    const rows: { location: string; n: number }[] = await t.dataSource.query(
      `SELECT location, count(*)::int AS n FROM class_sessions WHERE class_id = $1 GROUP BY location`,
      [classId],
    );
    expect(rows).toHaveLength(WRITES);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const [{ completed, open }] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE completed_at IS NOT NULL)::int AS completed,
              count(*) FILTER (WHERE completed_at IS NULL)::int AS open
         FROM idempotency_records WHERE key LIKE 'qua-tai-%'`,
    );
    expect({ completed, open }).toEqual({ completed: WRITES, open: 0 });

    // Every key now replays its one session, never a stored 503.
    const again = await write(7);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const [{ id }] = await t.dataSource.query(`SELECT id FROM class_sessions WHERE location = $1`, [location(7)]);
    expect(again.body.id).toBe(id);
  });
});

describe('overload: a busy event loop sheds API requests before auth, and readiness says so', () => {
  const lines: string[] = [];
  const app = useTestApp({
    env: { OVERLOAD_MAX_LOOP_DELAY_MS: '100', LOG_LEVEL: 'warn' },
    logTo: { write: (line: string) => lines.push(line) },
  });
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = app();
    base = await listen(t);
  });

  /** Keeps this process's event loop busy 300 ms at a time, as a backlog of requests would, until stopped. */
  function pressure(): () => Promise<void> {
    let running = true;
    const done = (async () => {
      while (running) {
        const until = Date.now() + 300;
        while (Date.now() < until);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    return () => {
      running = false;
      return done;
    };
  }

  it('answers 503 overloaded at once, keeps the probes and metrics, and serves again when the pressure ends', async () => {
    // On a busy shared machine the process may shed a moment by itself: wait for it to be calm.
    await eventually(async () => (await send(`${base}/health/ready`)).status === 200, 10_000);
    const token = await eventually(() => t.adminToken().catch(() => undefined), 10_000);
    const monitor = t.app.get(OverloadMonitor);
    const stop = pressure();
    try {
      await eventually(async () => monitor.overloaded, 5000, 50);
      const ready = await send(`${base}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ code: 'not_ready', checks: { load: 'overloaded' } });

      // Shed before authentication and before the body is read: no 401, no 400, no database.
      const anonymous = await send(`${base}/api/v1/me`);
      const malformed = await send(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username": ',
      });
      const person = await send(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      for (const a of [anonymous, malformed, person]) {
        expect(a.status).toBe(503);
        expect(a.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
        expect(a.headers.get('retry-after')).toBe('2');
        expect(a.body).toMatchObject({ status: 503, code: 'overloaded' });
      }
      expect((await send(`${base}/health`)).status).toBe(200);
      const metrics = await fetch(`${base}/metrics`).then((r) => r.text());
      expect(metrics).toMatch(/^lyluan_overloaded 1$/m);
      expect(Number(/^lyluan_overload_event_loop_delay_seconds (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0.1);
      expect(Number(/^lyluan_overload_shed_requests_total (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(3);
      // Logged as a refusal (warn), not as an error that would page someone for every shed request.
      const shedLines = () => lines.map((line) => JSON.parse(line)).filter((entry) => entry.res?.statusCode === 503);
      const logged = await eventually(async () => (shedLines().length >= 3 ? shedLines() : undefined), 5000, 50);
      expect(logged.every((entry) => entry.level === 40)).toBe(true);
    } finally {
      await stop();
    }

    await eventually(async () => (await send(`${base}/health/ready`)).status === 200, 10_000);
    const me = () => send(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    await eventually(async () => (await me()).status === 200, 10_000);
    const metrics = () => fetch(`${base}/metrics`).then((r) => r.text());
    await eventually(async () => /^lyluan_overloaded 0$/m.test(await metrics()), 10_000);
  });
});
