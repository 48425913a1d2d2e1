import { Client } from 'pg';
import { gracefulShutdown } from '../../src/lifecycle';
import { OutboxService } from '../../src/queue/outbox.service';
import { EffectProbeModule, PROBE_JOBS, ProbeState, publishProbe } from '../support/effect-probe.module';
import { dropTestResources, eventually, startTestApp, TestApp } from '../support/test-app';
import { databaseUrl } from '../support/test-databases';

/** Reads through a connection of its own: the app's pool is closed by the shutdown under test. */
async function inspect(database: string, key: string): Promise<{ effects: number; status: string }> {
  const client = new Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    const effect = await client.query(`SELECT count FROM probe_effects WHERE key = $1`, [key]);
    const event = await client.query(`SELECT status FROM outbox_events WHERE payload->>'key' = $1`, [key]);
    return { effects: effect.rows[0]?.count ?? 0, status: event.rows[0]?.status };
  } finally {
    await client.end();
  }
}

async function publishSlow(t: TestApp, key: string, ms: number): Promise<void> {
  await t.dataSource.transaction((em) => publishProbe(t.app.get(OutboxService), em, PROBE_JOBS.slow, { key, ms }));
  await eventually(async () => t.app.get(ProbeState).started > 0);
}

describe('SIGTERM while a job runs', () => {
  const leftovers: TestApp[] = [];

  afterAll(async () => {
    for (const t of leftovers) await dropTestResources(t.env, t.database);
  });

  it('lets the running job finish within the shutdown budget: its effect happens once', async () => {
    const t = await startTestApp({ extra: [EffectProbeModule], env: { SHUTDOWN_TIMEOUT_MS: '10000' } });
    leftovers.push(t);
    await publishSlow(t, 'finishes', 1500);
    const started = Date.now();
    await gracefulShutdown(t.app, 'SIGTERM');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(await inspect(t.database, 'finishes')).toEqual({ effects: 1, status: 'done' });
  });

  it('past the budget it leaves the job to be retried by another worker, with no second effect', async () => {
    const overrides = { SHUTDOWN_TIMEOUT_MS: '200', JOB_LOCK_MS: '1000' };
    const first = await startTestApp({ extra: [EffectProbeModule], env: overrides });
    leftovers.push(first);
    await publishSlow(first, 'abandoned', 2500);
    await gracefulShutdown(first.app, 'SIGTERM');

    // Another worker of the same deployment (same database, same queue prefix) picks it up.
    const second = await startTestApp({ extra: [EffectProbeModule], env: overrides, database: first.database });
    try {
      await eventually(async () => (await inspect(first.database, 'abandoned')).status === 'done', 20_000, 200);
      await new Promise((r) => setTimeout(r, 3000));
      expect(await inspect(first.database, 'abandoned')).toEqual({ effects: 1, status: 'done' });
    } finally {
      await second.close();
    }
  });
});
