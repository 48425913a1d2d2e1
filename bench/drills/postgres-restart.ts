/**
 * Drill 3: PostgreSQL stopped and started again under check-in load. The conference (2,300
 * learners, roles `api` and `worker`) runs on a PostgreSQL cluster of the drill's own
 * (`pg_createcluster`, port 5441); the learners check in open-loop over 60 s and 20 s in the cluster
 * is stopped (`pg_ctlcluster stop`, fast) for 10 s, then started. Meanwhile a learner asks `GET /me`
 * every 200 ms. Afterwards: refusals were 503 problem+json with Retry-After, quickly; `/me` never
 * 401; both processes recovered by themselves; every check-in answered 2xx is stored.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { checkInOpenLoop, learnerTokens, openCheckIn, startConference, waitForOutbox } from '../conference';
import { AppUnderTest, stopServer } from '../support';
import { count, isProblem, PrivateCluster, report, runDrill, statuses, timed, Timed } from './harness';

const API_PORT = 3203;
const WORKER_PORT = 3204;
const PG_PORT = 5441;
const DATABASE = 'lyluan_drills_postgres';
const SPREAD_MS = 60_000;
const STOP_AT_MS = 20_000;
const DOWN_FOR_MS = 10_000;
/** DATABASE_CONNECT_TIMEOUT_MS's default, and what the machine's load may add to an answer. */
const CONNECT_TIMEOUT_MS = 3000;
const SLACK_MS = 2000;
const PROBE_EVERY_MS = 200;

/** Milliseconds until `/health/ready` of `app` answers 200. */
async function readyAfter(app: AppUnderTest, from: number): Promise<number> {
  for (;;) {
    if ((await timed(app, '/health/ready')).status === 200) return performance.now() - from;
    await delay(100);
  }
}

runDrill('postgres', async (started, host) => {
  const cluster = new PrivateCluster('15', 'drills', PG_PORT);
  cluster.create();
  let conference: Awaited<ReturnType<typeof startConference>> | undefined;
  let db: Client | undefined;
  try {
    conference = await startConference({
      name: 'drills-postgres',
      port: API_PORT,
      workerPort: WORKER_PORT,
      database: DATABASE,
      queuePrefix: 'lyluan-drills-postgres',
      postgresUrl: cluster.url,
    });
    const { app, worker, sessionId, learnerIds } = conference;
    const pids = [app.server.child.pid, worker!.server.child.pid];
    const { code, points } = await openCheckIn(conference);
    // The harness's own connection would die with the server: closed now, opened again afterwards.
    await conference.db.end();
    const tokens = learnerTokens(learnerIds);
    const probeToken = tokens[0];

    const from = performance.now();
    let stoppedAt = 0;
    let startedAt = 0;
    const probes: (Timed & { at: number })[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const at = performance.now();
        probes.push({ ...(await timed(app, '/api/v1/me', { token: probeToken })), at });
        await delay(PROBE_EVERY_MS);
      }
    })();
    const recovery = (async () => {
      await delay(STOP_AT_MS);
      cluster.ctl('stop');
      stoppedAt = performance.now();
      console.log('drill postgres: cluster stopped');
      await delay(DOWN_FOR_MS);
      cluster.ctl('start');
      startedAt = performance.now();
      console.log('drill postgres: cluster started');
      return Promise.all([readyAfter(app, startedAt), readyAfter(worker!, startedAt)]);
    })();
    const { outcomes } = await checkInOpenLoop(app, sessionId, tokens, code, points, SPREAD_MS);
    const [apiReadyMs, workerReadyMs] = await recovery;
    probing = false;
    await probe;
    const alive = [app, worker!].every((p) => p.server.isRunning()) && pids.every(Boolean);
    console.log(`drill postgres: check-ins ${statuses(outcomes)}; /me ${statuses(probes)}`);

    db = new Client({ connectionString: `${cluster.url}/${DATABASE}` });
    await db.connect();
    const { rows } = await db.query<{ user_id: string }>(
      `SELECT e.user_id FROM attendance_records a JOIN enrollments e ON e.id = a.enrollment_id WHERE a.session_id = $1`,
      [sessionId],
    );
    const stored = new Set(rows.map((r) => r.user_id));
    const acked = outcomes
      .map((o, i) => ({ o, user: learnerIds[i] }))
      .filter(({ o }) => o.status < 300 && o.status >= 200);
    const ackedStored = acked.filter(({ user }) => stored.has(user)).length;
    const refused = outcomes.filter((o) => o.status < 200 || o.status >= 300);
    const wellRefused = refused.filter((o) => o.status === 503 && o.problem && o.retryAfter).length;
    const slowestRefusal = Math.max(0, ...refused.map((o) => o.latencyMs));
    const slowest = Math.max(...outcomes.map((o) => o.latencyMs));
    const duringOutage = outcomes.filter((o) => o.sentAt >= stoppedAt && o.sentAt <= startedAt);
    const outbox = await waitForOutbox(db, 'attendance.recorded', new Date(0), stored.size);

    const outageProbes = probes.filter((p) => p.at >= stoppedAt && p.at <= startedAt);
    const probeRefusals = probes.filter((p) => p.status !== 200);
    const probeWell = probeRefusals.filter((p) => p.status === 503 && isProblem(p.contentType) && p.retryAfter).length;
    const probe401 = probes.filter((p) => p.status === 401).length;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const bound = CONNECT_TIMEOUT_MS + SLACK_MS;
    return report({
      id: 'postgres',
      title: 'PostgreSQL stopped for 10 s under check-in load',
      script: 'postgres-restart.ts',
      started,
      host,
      setup: [
        `PostgreSQL: a cluster of the drill's own, \`pg_createcluster 15 drills --port ${PG_PORT}\` (trust on loopback, \`fsync=off\`), dropped at the end; the shared cluster is not touched.`,
        `App: \`node dist/src/main.js\` as two processes, \`PROCESS_ROLE=api\` on ${API_PORT} and \`PROCESS_ROLE=worker\` on ${WORKER_PORT}, database \`${DATABASE}\` on ${PG_PORT}, shared Redis with queue prefix \`lyluan-drills-postgres\`, \`DATABASE_CONNECT_TIMEOUT_MS\` default (${CONNECT_TIMEOUT_MS}).`,
        `Load: the seeded conference's ${count(learnerIds.length)} learners each \`POST /sessions/:id/check-in\` once, open-loop over ${SPREAD_MS / 1000} s; one learner's \`GET /me\` every ${PROBE_EVERY_MS} ms throughout.`,
        `Fault: \`pg_ctlcluster 15 drills stop\` ${s(stoppedAt - from)} into the load, \`pg_ctlcluster 15 drills start\` ${s(startedAt - stoppedAt)} later (${count(duringOutage.length)} check-ins were sent while it was down).`,
      ],
      invariants: [
        {
          name: 'refusals are 503 problem+json with Retry-After, quickly',
          observed: `check-ins: ${statuses(outcomes)}; of ${count(refused.length)} refused, ${count(wellRefused)} are 503 problem+json with Retry-After (${[...new Set(refused.map((o) => `${o.status} ${o.code}`))].slice(0, 3).join('; ') || 'none'}); slowest refusal ${slowestRefusal.toFixed(0)} ms, slowest answer ${slowest.toFixed(0)} ms (bound ${bound} ms: the connect timeout + ${SLACK_MS / 1000} s)`,
          holds: wellRefused === refused.length && slowest < bound,
        },
        {
          name: '`GET /me` with a valid token during the outage: 503 with Retry-After, never 401',
          observed: `${count(probes.length)} probes: ${statuses(probes)}; during the outage ${statuses(outageProbes)}; ${count(probeWell)} of ${count(probeRefusals.length)} refusals 503 problem+json with Retry-After; slowest ${Math.max(...probes.map((p) => p.ms)).toFixed(0)} ms`,
          holds: probe401 === 0 && probeWell === probeRefusals.length && outageProbes.some((p) => p.status === 503),
        },
        {
          name: 'processes recover without a restart',
          observed: `\`/health/ready\` 200 ${s(apiReadyMs)} (api) and ${s(workerReadyMs)} (worker) after the start; both still the same processes: ${alive}; \`/me\` after: ${statuses(probes.filter((p) => p.at > startedAt + apiReadyMs))}`,
          holds: alive && probes.filter((p) => p.at > startedAt + apiReadyMs).every((p) => p.status === 200),
        },
        {
          name: 'every check-in answered 2xx is stored',
          observed: `${count(acked.length)} answered 2xx, ${count(ackedStored)} of them stored; ${count(stored.size)} attendance records in all; \`attendance.recorded\` events done ${count(outbox.done)}${outbox.other ? ` (still ${outbox.other})` : ''}`,
          holds: ackedStored === acked.length && !outbox.other,
        },
      ],
      note: 'A request that cannot get a connection within `DATABASE_CONNECT_TIMEOUT_MS`, or loses it, answers 503 `service_unavailable` with `Retry-After`; authentication answers the same when it cannot read the user, so a client never logs its user out for a database blip.',
    });
  } finally {
    await db?.end().catch(() => undefined);
    if (conference?.worker) await stopServer(conference.worker.server);
    if (conference) await stopServer(conference.app.server);
    cluster.drop();
  }
});
