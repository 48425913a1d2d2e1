import { Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/modules/auth/passwords';
import { BatchJobHandler, JobHandler } from '../../src/queue/job-handler.decorator';
import { OutboxRelay } from '../../src/queue/outbox-relay';
import { OutboxService } from '../../src/queue/outbox.service';
import { QueueModule } from '../../src/queue/queue.module';
import { QueueService } from '../../src/queue/queue.service';
import {
  EffectProbeModule,
  effectCount,
  PROBE_BATCH,
  PROBE_FACT_SUBSCRIBERS,
  PROBE_JOBS,
  ProbeState,
  publishProbe,
} from '../support/effect-probe.module';
import { asAdmin, Headers } from '../support/actors';
import { TcpProxy } from '../support/tcp-proxy';
import { dropTestResources, eventually, startTestApp, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-databases';

async function statusOf(dataSource: DataSource, where: string, params: unknown[] = []) {
  const rows: { status: string; count: number }[] = await dataSource.query(
    `SELECT status, count(*)::int AS count FROM outbox_events WHERE ${where} GROUP BY status`,
    params,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.count]));
}

async function publish(t: TestApp, topic: string, payload: Record<string, unknown>, dedupeKey?: string) {
  const outbox = t.app.get(OutboxService);
  await t.dataSource.transaction((em) => publishProbe(outbox, em, topic, payload, { dedupeKey }));
}

describe('outbox: delivery while Redis comes and goes', () => {
  const redisTarget = new URL(TEST_REDIS_URL);
  const proxy = new TcpProxy(redisTarget.hostname, Number(redisTarget.port || 6379));
  let t: TestApp;

  beforeAll(async () => {
    const port = await proxy.start();
    t = await startTestApp({ extra: [EffectProbeModule], env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  });

  afterAll(async () => {
    await t.close();
    await proxy.cut();
    await dropTestResources(t.env, t.database);
  });

  it('accepts business writes with Redis unreachable, then delivers each event exactly once to each subscriber', async () => {
    await proxy.cut();
    const notReady = await eventually(async () => {
      const res = await t.http().get('/health/ready');
      return res.status === 503 ? res : undefined;
    });
    expect(notReady.body).toMatchObject({ code: 'not_ready', checks: { postgres: 'up', redis: 'down' } });
    expect(notReady.body.detail).toContain('redis');

    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await t
        .http()
        .post('/api/v1/probe/business')
        .send({ note: `ghi ${i}` })
        .expect(201);
      ids.push(res.body.id);
    }
    await new Promise((r) => setTimeout(r, 1000));
    // Each write's fact has two subscribers: one row each.
    for (const subscriber of Object.values(PROBE_FACT_SUBSCRIBERS)) {
      expect(await statusOf(t.dataSource, `topic = $1 AND subscriber = $2`, [PROBE_JOBS.fact, subscriber])).toEqual({
        pending: 20,
      });
    }
    for (const id of ids) expect(await effectCount(t.dataSource, id)).toBe(0);

    await proxy.restore();
    await eventually(async () => (await statusOf(t.dataSource, `topic = $1`, [PROBE_JOBS.fact])).done === 40, 30_000);
    await t.http().get('/health/ready').expect(200);
    await new Promise((r) => setTimeout(r, 500));
    for (const id of ids) {
      expect(await effectCount(t.dataSource, id)).toBe(1);
      expect(await effectCount(t.dataSource, `${id}:flaky`)).toBe(1);
    }
  });

  it('after Redis comes back, an event enqueued moments before it went is sent again at once', async () => {
    // Enqueued just now with a job Redis does not have: a Redis restarted empty right after the relay.
    await t.dataSource.query(
      `INSERT INTO outbox_events (event_id, topic, subscriber, payload, status, job_id, enqueued_at)
       VALUES (gen_random_uuid(), $1, $1, $2, 'enqueued', 'outbox-gone', now())`,
      [PROBE_JOBS.effect, { key: 'lost-on-restart' }],
    );
    await proxy.cut();
    await new Promise((r) => setTimeout(r, 500));
    await proxy.restore();
    // Far sooner than the periodic check, which waits for events five minutes old.
    await eventually(async () => (await effectCount(t.dataSource, 'lost-on-restart')) === 1, 20_000);
  });
});

describe('outbox: retries, dead events, duplicates', () => {
  let t: TestApp;
  let state: ProbeState;
  let auth: Headers;

  beforeAll(async () => {
    t = await startTestApp({ extra: [EffectProbeModule] });
    state = t.app.get(ProbeState);
    auth = await asAdmin(t);
  });

  afterAll(async () => {
    await t.close();
    await dropTestResources(t.env, t.database);
  });

  it('a job that fails on every attempt is dead, visible to the admin, and can be retried', async () => {
    state.failing = true;
    await publish(t, PROBE_JOBS.fragile, { key: 'fragile-1' });
    const [event] = await eventually(async () => {
      const rows = await t.dataSource.query(`SELECT * FROM outbox_events WHERE topic = $1 AND status = 'dead'`, [
        PROBE_JOBS.fragile,
      ]);
      return rows.length ? rows : undefined;
    });
    expect(event.attempts).toBe(3);
    expect(event.last_error).toContain('probe failure on purpose');

    const listed = await t.http().get('/api/v1/admin/outbox?status=dead').set(auth).expect(200);
    expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([event.id]);
    expect(listed.body.items[0]).toMatchObject({ topic: PROBE_JOBS.fragile, status: 'dead', attempts: 3 });
    expect(listed.body.nextCursor).toBeNull();

    state.failing = false;
    const retried = await t.http().post(`/api/v1/admin/outbox/${event.id}/retry`).set(auth).expect(200);
    expect(retried.body).toMatchObject({ status: 'pending', generation: 1, attempts: 0 });
    await eventually(
      async () => (await t.http().get(`/api/v1/admin/outbox/${event.id}`).set(auth)).body.status === 'done',
    );
    expect(await effectCount(t.dataSource, 'fragile-1')).toBe(1);

    const again = await t.http().post(`/api/v1/admin/outbox/${event.id}/retry`).set(auth).expect(409);
    expect(again.body.code).toBe('outbox_event_not_dead');
  });

  it('fans one event out to two subscribers: the failing one dies and is retried alone', async () => {
    state.flakyFailing = true;
    await publish(t, PROBE_JOBS.fact, { key: 'fact-1' });
    const rows: { id: string; event_id: string; subscriber: string; status: string; attempts: number }[] =
      await eventually(async () => {
        const found = await t.dataSource.query(
          `SELECT id, event_id, subscriber, status, attempts FROM outbox_events
            WHERE payload->>'key' = 'fact-1' ORDER BY subscriber`,
        );
        return found.some((r: { status: string }) => r.status === 'dead') ? found : undefined;
      });
    expect(rows).toMatchObject([
      { subscriber: PROBE_FACT_SUBSCRIBERS.flaky, status: 'dead', attempts: 2 },
      { subscriber: PROBE_FACT_SUBSCRIBERS.steady, status: 'done', attempts: 1 },
    ]);
    expect(rows[0].event_id).toBe(rows[1].event_id);
    expect(await effectCount(t.dataSource, 'fact-1')).toBe(1);
    expect(await effectCount(t.dataSource, 'fact-1:flaky')).toBe(0);
    expect(state.steadyRuns).toBe(1);

    const listed = await t
      .http()
      .get(`/api/v1/admin/outbox?status=dead&subscriber=${PROBE_FACT_SUBSCRIBERS.flaky}`)
      .set(auth)
      .expect(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({
      id: rows[0].id,
      eventId: rows[0].event_id,
      topic: PROBE_JOBS.fact,
      subscriber: PROBE_FACT_SUBSCRIBERS.flaky,
      status: 'dead',
    });

    state.flakyFailing = false;
    await t.http().post(`/api/v1/admin/outbox/${rows[0].id}/retry`).set(auth).expect(200);
    await eventually(
      async () => (await t.http().get(`/api/v1/admin/outbox/${rows[0].id}`).set(auth)).body.status === 'done',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await effectCount(t.dataSource, 'fact-1:flaky')).toBe(1);
    expect(await effectCount(t.dataSource, 'fact-1')).toBe(1);
    expect(state.steadyRuns).toBe(1);
    const steady = await t.http().get(`/api/v1/admin/outbox/${rows[1].id}`).set(auth).expect(200);
    expect(steady.body).toMatchObject({ status: 'done', generation: 0, attempts: 1 });
  });

  it('an unknown event → 404; a non-admin → 403', async () => {
    await t.http().get('/api/v1/admin/outbox/00000000-0000-4000-8000-000000000000').set(auth).expect(404);
    await t.http().post('/api/v1/admin/outbox/00000000-0000-4000-8000-000000000000/retry').set(auth).expect(404);

    const [learner] = await t.dataSource.query(
      `INSERT INTO users (username, full_name, password_hash) VALUES ('hocvien1', 'Nguyễn Văn A', $1) RETURNING id`,
      [await hashPassword('mat-khau-hoc-vien')],
    );
    await t.dataSource.query(`INSERT INTO role_assignments (user_id, role) VALUES ($1, 'learner')`, [learner.id]);
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'hocvien1', password: 'mat-khau-hoc-vien' })
      .expect(200);
    const forbidden = await t
      .http()
      .get('/api/v1/admin/outbox')
      .set('authorization', `Bearer ${login.body.accessToken}`)
      .expect(403);
    expect(forbidden.body.code).toBe('forbidden');
  });

  it('a duplicate delivery of a handled job has no second effect', async () => {
    await publish(t, PROBE_JOBS.effect, { key: 'dup-1' });
    const [event] = await eventually(async () => {
      const rows = await t.dataSource.query(
        `SELECT * FROM outbox_events WHERE payload->>'key' = 'dup-1' AND status = 'done'`,
      );
      return rows.length ? rows : undefined;
    });
    // The same job arrives again under another id, as after a crash between effect and ack.
    const queue = t.app.get(QueueService).queue('system');
    await queue.add(
      PROBE_JOBS.effect,
      { outboxId: event.id, generation: event.generation, payload: event.payload },
      {
        jobId: `redelivery-${event.id}`,
      },
    );
    await eventually(async () => (await queue.getJob(`redelivery-${event.id}`))?.finishedOn);
    expect(await effectCount(t.dataSource, 'dup-1')).toBe(1);
  });

  it('packs a batched topic into shared jobs, handles each event once, and lets a poison event die alone', async () => {
    const keys = Array.from({ length: 25 }, (_, i) => `batch-${i}`);
    await t.dataSource.transaction(async (em) => {
      for (const key of keys) {
        await publishProbe(t.app.get(OutboxService), em, PROBE_JOBS.batch, { key, poison: key === 'batch-13' });
      }
    });
    const state = t.app.get(ProbeState);
    await eventually(async () => {
      const counts = await statusOf(t.dataSource, `topic = $1`, [PROBE_JOBS.batch]);
      return counts.done === 24 && counts.dead === 1;
    });
    const events: { payload: { key: string }; status: string; attempts: number; job_id: string }[] =
      await t.dataSource.query(`SELECT payload, status, attempts, job_id FROM outbox_events WHERE topic = $1`, [
        PROBE_JOBS.batch,
      ]);
    // Packed by the relay: at most ceil(25 / 10) jobs when one relay pass saw them all.
    expect(new Set(events.map((e) => e.job_id)).size).toBeLessThan(keys.length);
    expect(Math.max(...state.batchSizes)).toBeGreaterThan(1);
    expect(Math.max(...state.batchSizes)).toBeLessThanOrEqual(PROBE_BATCH);
    const poison = events.find((e) => e.payload.key === 'batch-13')!;
    expect(poison).toMatchObject({ status: 'dead', attempts: 2 });
    const counts = await Promise.all(keys.map((k) => effectCount(t.dataSource, k)));
    expect(counts).toEqual(keys.map((k) => (k === 'batch-13' ? 0 : 1)));

    // The poison's job delivered again, with its done neighbours, changes nothing.
    const queue = t.app.get(QueueService).queue('system');
    const rows: { id: string; generation: number; payload: Record<string, unknown> }[] = await t.dataSource.query(
      `SELECT id, generation, payload FROM outbox_events WHERE job_id = $1`,
      [poison.job_id],
    );
    await queue.add(
      PROBE_JOBS.batch,
      { events: rows.map((r) => ({ outboxId: r.id, generation: r.generation, payload: r.payload })) },
      { jobId: `redelivery-${poison.job_id}` },
    );
    await eventually(async () => (await queue.getJob(`redelivery-${poison.job_id}`))?.finishedOn);
    expect(await Promise.all(keys.map((k) => effectCount(t.dataSource, k)))).toEqual(counts);
  });

  it('a producer key stores an event once', async () => {
    await publish(t, PROBE_JOBS.effect, { key: 'keyed' }, 'request-42');
    await publish(t, PROBE_JOBS.effect, { key: 'keyed' }, 'request-42');
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox_events WHERE dedupe_key = 'request-42'`,
    );
    expect(count).toBe(1);
    await eventually(async () => (await effectCount(t.dataSource, 'keyed')) === 1);
  });

  it('relays racing over the same rows enqueue each event once', async () => {
    const relay = t.app.get(OutboxRelay);
    const keys = Array.from({ length: 30 }, (_, i) => `race-${i}`);
    await t.dataSource.transaction(async (em) => {
      for (const key of keys) await publishProbe(t.app.get(OutboxService), em, PROBE_JOBS.effect, { key });
    });
    const relayed = await Promise.all([relay.relayOnce(), relay.relayOnce(), relay.relayOnce()]);
    expect(relayed.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(30);
    await eventually(async () => {
      const counts = await Promise.all(keys.map((k) => effectCount(t.dataSource, k)));
      return counts.every((c) => c === 1);
    });
    await new Promise((r) => setTimeout(r, 300));
    const counts = await Promise.all(keys.map((k) => effectCount(t.dataSource, k)));
    expect(counts).toEqual(keys.map(() => 1));
  });

  it('an enqueued event whose job Redis lost is sent again', async () => {
    const relay = t.app.get(OutboxRelay);
    const [row] = await t.dataSource.query(
      `INSERT INTO outbox_events (event_id, topic, subscriber, payload, status, enqueued_at)
       VALUES (gen_random_uuid(), $1, $1, $2, 'enqueued', now() - interval '10 minutes') RETURNING id`,
      [PROBE_JOBS.effect, { key: 'lost-job' }],
    );
    expect(await relay.reconcile()).toBe(1);
    await eventually(async () => (await effectCount(t.dataSource, 'lost-job')) === 1);
    const [event] = await t.dataSource.query(`SELECT status FROM outbox_events WHERE id = $1`, [row.id]);
    expect(event.status).toBe('done');
  });

  it('pages the admin list with a stable cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await t.http().get(`/api/v1/admin/outbox?limit=7${query}`).set(auth).expect(200);
      seen.push(...res.body.items.map((e: { id: string }) => e.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM outbox_events`);
    expect(seen).toHaveLength(count);
    expect(new Set(seen).size).toBe(count);
    expect(pages).toBe(Math.ceil(count / 7));
  });
});

@Module({ imports: [QueueModule.forFeature([{ name: 'probe.orphan', topic: 'class.closed', queue: 'system' }])] })
class OrphanJobModule {}

@Injectable()
class SecondEffectHandler {
  @JobHandler(PROBE_JOBS.effect)
  async again(): Promise<void> {}
}

@Module({ providers: [SecondEffectHandler] })
class DoubleHandlerModule {}

@Injectable()
class UnbatchedHandler {
  @JobHandler('probe.unbatched')
  async one(): Promise<void> {}
}

@Module({
  imports: [QueueModule.forFeature([{ name: 'probe.unbatched', topic: 'class.closed', queue: 'system', batch: 5 }])],
  providers: [UnbatchedHandler],
})
class BatchMismatchModule {}

@Injectable()
class StrayBatchHandler {
  @BatchJobHandler('probe.stray-batch')
  async many(): Promise<void> {}
}

@Module({
  imports: [QueueModule.forFeature([{ name: 'probe.stray-batch', topic: 'class.closed', queue: 'system' }])],
  providers: [StrayBatchHandler],
})
class StrayBatchModule {}

describe('worker start-up checks', () => {
  it('refuses to start when a job has no handler', async () => {
    await expect(startTestApp({ extra: [OrphanJobModule] })).rejects.toThrow('job "probe.orphan" has no handler');
  });

  it('refuses to start when a batched job and its handler disagree', async () => {
    await expect(startTestApp({ extra: [BatchMismatchModule] })).rejects.toThrow(
      'job "probe.unbatched" is declared with batch but UnbatchedHandler.one is not a @BatchJobHandler',
    );
    await expect(startTestApp({ extra: [StrayBatchModule] })).rejects.toThrow(
      'job "probe.stray-batch" has a @BatchJobHandler (StrayBatchHandler.many) but is not declared with batch',
    );
  });

  it('refuses to start when a job has two handlers', async () => {
    await expect(startTestApp({ extra: [EffectProbeModule, DoubleHandlerModule] })).rejects.toThrow(
      `job "${PROBE_JOBS.effect}" has 2 handlers`,
    );
  });
});
