/**
 * Read-replica drill: a real streaming replica on this machine, the app reading statistics from it,
 * then the replica stopped under the app. Run with `npm run drills:replica`.
 *
 * It builds its own primary (initdb, port 5451, wal_level replica, a replication role) and, from a
 * `pg_basebackup -R` of it, a standby on 5452, both in a temporary directory as the postgres user;
 * the shared cluster on 5432 is not touched. The app (role `all`) gets DATABASE_URL → 5451 and
 * DATABASE_READ_URL → 5452. Evidence that statistics are served by the replica: pg_stat_statements
 * on each server (the statements of GET /stats/completion counted on 5452, not on 5451) and the app's
 * connections in pg_stat_activity by application_name.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { deleteQueueKeys } from '../../test/support/queue-keys';
import { statuses, timed, Timed } from './harness';
import {
  AppUnderTest,
  BENCH_ROOT,
  machine,
  runFacts,
  startAppUnderTest,
  stopServer,
  writeResultsSection,
} from '../support';

const PRIMARY_PORT = 5451;
const REPLICA_PORT = 5452;
const APP_PORT = 4501;
const DATABASE = 'hrepl_drill';
const QUEUE_PREFIX = 'lyluan-bench-hrepl-drill';
const REPLICATOR = { name: 'hrepl_replicator', password: 'hrepl-drill-replication' };
const STATS_REQUESTS = 50;
const WRITE_BURST = 40;
const STATS_STATEMENT = '%FROM stats_completion_counters%';

const PG_BIN = (() => {
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/pg_basebackup`))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql/*/bin');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
})();

/** A PostgreSQL binary run as the postgres user, as the clusters' files belong to it. */
function asPostgres(binary: string, args: string[], env: Record<string, string> = {}): string {
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return execFileSync('runuser', ['-u', 'postgres', '--', 'env', ...assignments, join(PG_BIN, binary), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // Somewhere the postgres user may enter: initdb and pg_ctl stop when they cannot read the cwd.
    cwd: '/tmp',
  });
}

/** Files inside a cluster's directory, which only the postgres user may write. */
const writeAsPostgres = (file: string, text: string, mode = '>') =>
  execFileSync('runuser', ['-u', 'postgres', '--', 'sh', '-c', `cat ${mode} '${file}'`], { input: text, cwd: '/tmp' });
const appendAsPostgres = (file: string, text: string) => writeAsPostgres(file, text, '>>');

async function onServer<T>(port: number, database: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/${database}` });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

class Clusters {
  readonly root = mkdtempSync('/tmp/hrepl_drill-');
  readonly primary = join(this.root, 'primary');
  readonly replica = join(this.root, 'replica');

  constructor() {
    chmodSync(this.root, 0o755);
    execFileSync('chown', ['postgres:postgres', this.root]);
  }

  /** initdb, streaming settings, a replication role allowed from loopback only, started on 5451. */
  createPrimary(): void {
    asPostgres('initdb', [
      '-D',
      this.primary,
      '-U',
      'postgres',
      '--auth-local=trust',
      '--auth-host=trust',
      '-E',
      'UTF8',
    ]);
    const settings = [
      `port = ${PRIMARY_PORT}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${this.root}'`,
      'wal_level = replica',
      'max_wal_senders = 4',
      `shared_preload_libraries = 'pg_stat_statements'`,
      'fsync = off',
    ];
    appendAsPostgres(join(this.primary, 'postgresql.conf'), `${settings.join('\n')}\n`);
    // Replication needs the role's password; everything else trusts loopback (a throwaway cluster).
    writeAsPostgres(
      join(this.primary, 'pg_hba.conf'),
      [
        'local all all trust',
        `host replication ${REPLICATOR.name} 127.0.0.1/32 scram-sha-256`,
        'host all all 127.0.0.1/32 trust',
        '',
      ].join('\n'),
    );
    this.start(this.primary, 'primary');
  }

  /** `pg_basebackup -R` of the primary (standby.signal and primary_conninfo written), started on 5452. */
  createReplica(): void {
    asPostgres(
      'pg_basebackup',
      ['-h', '127.0.0.1', '-p', String(PRIMARY_PORT), '-U', REPLICATOR.name, '-D', this.replica, '-R', '-X', 'stream'],
      { PGPASSWORD: REPLICATOR.password },
    );
    appendAsPostgres(join(this.replica, 'postgresql.conf'), `port = ${REPLICA_PORT}\n`);
    this.start(this.replica, 'replica');
  }

  start(dir: string, name: string): void {
    asPostgres('pg_ctl', ['-D', dir, '-l', join(this.root, `${name}.log`), '-w', 'start']);
  }

  stop(dir: string): void {
    if (existsSync(join(dir, 'postmaster.pid'))) asPostgres('pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop']);
  }

  destroy(): void {
    for (const dir of [this.replica, this.primary]) {
      try {
        this.stop(dir);
      } catch (error) {
        console.error(`drill: stopping ${dir}: ${(error as Error).message}`);
      }
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Calls of the statements of a stats read on one server, from its own pg_stat_statements. */
const statsCalls = (port: number) =>
  onServer(port, DATABASE, async (c) => {
    const { rows } = await c.query<{ calls: string | null }>(
      `SELECT sum(calls) AS calls FROM pg_stat_statements WHERE query LIKE $1`,
      [STATS_STATEMENT],
    );
    return Number(rows[0].calls ?? 0);
  });

const connectionsByName = (port: number) =>
  onServer(port, DATABASE, async (c) => {
    const { rows } = await c.query<{ application_name: string; n: string }>(
      `SELECT application_name, count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE 'lyluan-%' GROUP BY 1 ORDER BY 1`,
    );
    return rows.map((r) => `${r.application_name} × ${r.n}`).join(', ') || 'none';
  });

async function metric(app: AppUnderTest, name: string): Promise<string> {
  const text = await (await app.call('/metrics')).text();
  return new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 'absent';
}

async function main(): Promise<void> {
  const started = new Date();
  const host = machine();
  const clusters = new Clusters();
  let app: AppUnderTest | undefined;
  try {
    clusters.createPrimary();
    await onServer(PRIMARY_PORT, 'postgres', (c) =>
      c.query(`CREATE ROLE ${REPLICATOR.name} WITH REPLICATION LOGIN PASSWORD '${REPLICATOR.password}'`),
    );
    clusters.createReplica();
    const inRecovery = await onServer(REPLICA_PORT, 'postgres', async (c) => {
      const { rows } = await c.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
      return rows[0].r;
    });
    const streaming = await onServer(PRIMARY_PORT, 'postgres', async (c) => {
      const { rows } = await c.query<{ state: string; application_name: string }>(
        'SELECT state, application_name FROM pg_stat_replication',
      );
      return rows.map((r) => `${r.application_name}: ${r.state}`).join(', ');
    });
    console.log(`drill: replica on ${REPLICA_PORT} in recovery: ${inRecovery}; primary sees ${streaming}`);

    await deleteQueueKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX);
    // The app creates, migrates and seeds its database on the primary; keepDatabase: nothing on 5432.
    app = await startAppUnderTest({
      name: 'hrepl-drill',
      port: APP_PORT,
      database: DATABASE,
      keepDatabase: true,
      env: {
        PROCESS_ROLE: 'all',
        QUEUE_PREFIX,
        DATABASE_URL: `postgres://postgres@127.0.0.1:${PRIMARY_PORT}/${DATABASE}`,
        DATABASE_READ_URL: `postgres://postgres@127.0.0.1:${REPLICA_PORT}/${DATABASE}`,
      },
    });
    // Created on the primary, it reaches the replica by streaming like any other change.
    await onServer(PRIMARY_PORT, DATABASE, (c) => c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'));
    const [unit, program] = await onServer(PRIMARY_PORT, DATABASE, async (c) => [
      (await c.query<{ id: string }>(`SELECT id FROM org_units WHERE code = 'TCT-BACNINH'`)).rows[0].id,
      (await c.query<{ id: string }>(`SELECT program_id AS id FROM courses WHERE version = '2022'`)).rows[0].id,
    ]);
    const token = await app.login();
    const stats = () => timed(app!, `/api/v1/stats/completion?orgUnitId=${unit}`, { token });
    let planVersion = 0;
    const putPlan = (year = 2026) => {
      planVersion += 1;
      return timed(app!, `/api/v1/org-units/${unit}/plans/${year}`, {
        method: 'PUT',
        token,
        headers: { 'content-type': 'application/json', 'idempotency-key': `hrepl-drill-${Date.now()}-${planVersion}` },
        body: JSON.stringify({ items: [{ programId: program, plannedClasses: planVersion, plannedLearners: 100 }] }),
      });
    };
    const plannedOnReplica = async (expected: number) => {
      const plans = await timed(app!, `/api/v1/stats/plans?orgUnitId=${unit}&year=2026`, { token });
      return (plans.body.total as { plannedClasses?: number } | undefined)?.plannedClasses === expected;
    };

    // 1. Statistics read from the replica.
    await stats();
    const before = { primary: await statsCalls(PRIMARY_PORT), replica: await statsCalls(REPLICA_PORT) };
    const served: Timed[] = [];
    for (let i = 0; i < STATS_REQUESTS; i++) served.push(await stats());
    const after = { primary: await statsCalls(PRIMARY_PORT), replica: await statsCalls(REPLICA_PORT) };
    const replicaConnections = await connectionsByName(REPLICA_PORT);
    const primaryConnections = await connectionsByName(PRIMARY_PORT);
    const statsOk = served.filter((s) => s.status === 200).length;
    const statsP50 = served.map((s) => s.ms).sort((a, b) => a - b)[Math.floor(served.length / 2)];
    console.log(
      `drill: ${STATS_REQUESTS} stats requests: ${statsOk} × 200; stats statements +${after.replica - before.replica} on the replica, +${after.primary - before.primary} on the primary`,
    );
    console.log(
      `drill: pg_stat_activity on ${REPLICA_PORT}: ${replicaConnections}; on ${PRIMARY_PORT}: ${primaryConnections}`,
    );

    // 2. A write on the primary, seen through the replica, and the lag in /metrics.
    const write = await putPlan();
    const written = performance.now();
    let visibleMs = -1;
    while (performance.now() - written < 10_000) {
      if (await plannedOnReplica(planVersion)) {
        visibleMs = performance.now() - written;
        break;
      }
      await delay(5);
    }
    const lag = await metric(app, 'lyluan_replica_lag_seconds');
    const up = await metric(app, 'lyluan_replica_up');
    // The gauge while writes stream: scraped every 20 ms during WRITE_BURST plan writes, 4 at a time
    // (4 different years: two replacements of one year's plan at once answer 409 to one of them).
    const lagSamples: number[] = [];
    let writing = true;
    const sampling = (async () => {
      while (writing) {
        lagSamples.push(Number(await metric(app!, 'lyluan_replica_lag_seconds')));
        await delay(20);
      }
    })();
    const burst: Timed[] = [];
    for (let i = 0; i < WRITE_BURST; i += 4)
      burst.push(...(await Promise.all([2031, 2032, 2033, 2034].map((year) => putPlan(year)))));
    writing = false;
    await sampling;
    const maxLag = Math.max(...lagSamples);
    console.log(
      `drill: ${burst.length} writes (${statuses(burst)}); lag over ${lagSamples.length} scrapes: max ${maxLag.toFixed(3)} s`,
    );
    console.log(
      `drill: plan write ${write.status}; visible through the replica after ${visibleMs.toFixed(0)} ms; /metrics lag ${lag} s, up ${up}`,
    );

    // 3. The replica stopped: writes go on, statistics fall back to the primary.
    clusters.stop(clusters.replica);
    const down = { primary: await statsCalls(PRIMARY_PORT) };
    const fallback: Timed[] = [];
    for (let i = 0; i < 10; i++) fallback.push(await stats());
    const fallbackPrimary = (await statsCalls(PRIMARY_PORT)) - down.primary;
    const writesDown: Timed[] = [];
    for (let i = 0; i < 10; i++) writesDown.push(await putPlan());
    const upDown = await metric(app, 'lyluan_replica_up');
    const lagDown = await metric(app, 'lyluan_replica_lag_seconds');
    const ready = await timed(app, '/health/ready');
    const slowest = (list: Timed[]) => Math.max(...list.map((r) => r.ms));
    const savedLast = (writesDown.at(-1)!.body.total as { plannedClasses?: number } | undefined)?.plannedClasses;
    console.log(
      `drill: replica stopped: stats ${statuses(fallback)} (slowest ${slowest(fallback).toFixed(0)} ms, +${fallbackPrimary} on the primary); writes ${statuses(writesDown)}; /metrics up ${upDown}, lag ${lagDown}; ready ${ready.status}`,
    );

    // 4. The replica back: reads return to it once the 5 s back-off has passed.
    clusters.start(clusters.replica, 'replica');
    await delay(5500);
    const back = await statsCalls(REPLICA_PORT);
    const again: Timed[] = [];
    for (let i = 0; i < 10; i++) again.push(await stats());
    const backCalls = (await statsCalls(REPLICA_PORT)) - back;
    const caughtUp = await plannedOnReplica(planVersion);
    console.log(
      `drill: replica restarted: stats ${statuses(again)}, +${backCalls} on the replica; caught up: ${caughtUp}`,
    );

    const holds = {
      replicaServes:
        statsOk === STATS_REQUESTS &&
        after.replica - before.replica >= STATS_REQUESTS &&
        after.primary === before.primary,
      lagReported: lag !== 'absent' && up === '1' && lagSamples.every((v) => Number.isFinite(v)),
      writesWithReplicaDown: writesDown.every((w) => w.status === 200) && savedLast === planVersion,
      statsFallBack: fallback.every((s) => s.status === 200) && fallbackPrimary >= fallback.length,
      replicaBack: again.every((s) => s.status === 200) && backCalls >= again.length && caughtUp,
    };
    const mark = (ok: boolean) => (ok ? 'holds' : '**FAILS**');
    writeResultsSection(
      join(BENCH_ROOT, 'bench', 'RESULTS.md'),
      'replica',
      `
## Read replica drill

Command: \`npm run drills:replica\` (\`bench/drills/replica.ts\`).

${runFacts(started, host)}
- PostgreSQL ${PG_BIN.split('/')[4]}: a primary of the drill's own (initdb, port ${PRIMARY_PORT}, \`wal_level = replica\`, role \`${REPLICATOR.name}\` with REPLICATION, pg_hba allowing it from 127.0.0.1 only) and a streaming standby made by \`pg_basebackup -R -X stream\` on ${REPLICA_PORT} (in recovery: ${inRecovery}; \`pg_stat_replication\` on the primary: ${streaming}). The shared cluster on 5432 is not used.
- The app: \`node dist/src/main.js\`, role \`all\`, port ${APP_PORT}, \`DATABASE_URL\` → ${PRIMARY_PORT}, \`DATABASE_READ_URL\` → ${REPLICA_PORT}.

| Step | Observed | Invariant |
| ---- | -------- | --------- |
| ${STATS_REQUESTS} × \`GET /stats/completion\` | ${statsOk} × 200, p50 ${statsP50.toFixed(1)} ms; \`pg_stat_statements\` calls of the counters query: +${after.replica - before.replica} on the replica, +${after.primary - before.primary} on the primary; \`pg_stat_activity\` on ${REPLICA_PORT}: ${replicaConnections}; on ${PRIMARY_PORT}: ${primaryConnections} | served by the replica: ${mark(holds.replicaServes)} |
| \`PUT /org-units/:id/plans/2026\` on the primary, then \`GET /stats/plans\` (replica) until it shows it; then ${WRITE_BURST} plan writes, 4 at a time (years 2031–2034), \`/metrics\` scraped every 20 ms | ${write.status}; visible through the replica after ${visibleMs.toFixed(0)} ms (the polling requests included); \`lyluan_replica_lag_seconds\` ${lag} at rest, \`lyluan_replica_up\` ${up}; during the writes (${statuses(burst)}) the lag over ${lagSamples.length} scrapes peaked at ${maxLag.toFixed(3)} s | lag in /metrics: ${mark(holds.lagReported)} |
| Replica stopped: 10 × \`GET /stats/completion\` | ${statuses(fallback)}, slowest ${slowest(fallback).toFixed(0)} ms, +${fallbackPrimary} counter queries on the primary; \`lyluan_replica_up\` ${upDown}, lag ${lagDown}; \`/health/ready\` ${ready.status} | stats fall back to the primary: ${mark(holds.statsFallBack)} |
| Replica stopped (\`pg_ctl stop -m fast\`): then 10 plan writes | ${statuses(writesDown)}, slowest ${slowest(writesDown).toFixed(0)} ms; the last answer shows its own write (${savedLast} classes) | writes work: ${mark(holds.writesWithReplicaDown)} |
| Replica started again, 5.5 s later 10 × \`GET /stats/completion\` | ${statuses(again)}, +${backCalls} on the replica; it replayed the writes made while it was down: ${caughtUp} | reads return to the replica: ${mark(holds.replicaBack)} |

A stats read that finds the replica unreachable (refused, dropped, or no connection within
\`DATABASE_CONNECT_TIMEOUT_MS\`) runs again on the primary, and for the next 5 s reads go straight
to the primary; nothing but reads that may lag ever asks for the replica, so writes never notice it.
`,
    );
    const failed = Object.entries(holds).filter(([, ok]) => !ok);
    if (failed.length) throw new Error(`invariants failed: ${failed.map(([name]) => name).join(', ')}`);
    console.log('drill: every invariant holds; results in bench/RESULTS.md');
  } finally {
    if (app) await stopServer(app.server);
    clusters.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`drill: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
