/**
 * `npm run bench` (fifth part): self check-in at a mass conference. Writes the `check-in` section of
 * bench/RESULTS.md.
 *
 * The seeded demo conference (class HN-CD2026-TQ, one session with 98 bridge points) gets 2,300
 * enrolled learners, the example of docs/domain.md; each checks in once with the code staff read from
 * `GET /sessions/:id`, the requests spread evenly over 60 s, open-loop (each sent at its time, never
 * waiting for an earlier one). Then the database must hold 2,300 attendance records and every
 * `attendance.recorded` event must reach `done`.
 */
import { join } from 'node:path';
import { CONFERENCE_CLASS_CODE } from '../src/seed/demo-conference';
import {
  checkInOpenLoop,
  CONFERENCE_LEARNERS as LEARNERS,
  learnerTokens,
  openCheckIn,
  startConference,
  waitForOutbox,
} from './conference';
import { BENCH_ROOT, machine, percentile, runFacts, stopServer, writeResultsSection } from './support';

const PORT = 3106;
const DATABASE = 'lyluan_bench_checkin';
const SPREAD_MS = 60_000;
const TARGET_P99_MS = 200;
const PROGRESS_TOPIC = 'attendance.recorded';

async function main(): Promise<void> {
  const started = new Date();
  const host = machine();
  const conference = await startConference({ name: 'check-in', port: PORT, database: DATABASE });
  const { app, db, sessionId, classId, learnerIds, enrolMs } = conference;
  try {
    console.log(`bench: enrolled ${learnerIds.length} learners by CSV import in ${enrolMs.toFixed(0)} ms`);
    const tokens = learnerTokens(learnerIds);
    const { code, points } = await openCheckIn(conference);
    console.log(`bench: code ${code}, ${points.length} bridge points; ${LEARNERS} check-ins over 60 s`);

    const runStartedAt = new Date(Date.now() - 1000);
    const { outcomes, lastResponseAt } = await checkInOpenLoop(app, sessionId, tokens, code, points, SPREAD_MS);
    const latencies = outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
    const errors = outcomes.filter((o) => o.status < 200 || o.status > 299);
    const errorKinds = [...new Set(errors.map((e) => `${e.status} ${e.code ?? ''}`.trim()))].slice(0, 5);
    const maxLag = Math.max(...outcomes.map((o) => o.lagMs));
    const stats = {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1],
    };
    console.log(
      `bench: p50 ${stats.p50.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)}, p99 ${stats.p99.toFixed(1)}, max ${stats.max.toFixed(1)}; ${errors.length} errors ${errorKinds.join('; ')}`,
    );

    const outbox = await waitForOutbox(db, PROGRESS_TOPIC, runStartedAt, LEARNERS);
    const drainedSeconds = (Date.now() - lastResponseAt) / 1000;
    console.log(
      `bench: outbox ${outbox.done} done ${outbox.other} ${drainedSeconds.toFixed(2)} s after the last check-in`,
    );
    const [records] = (
      await db.query<{ n: number; points: number; rate_one: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT a.bridge_point_id)::int AS points,
                (SELECT count(*)::int FROM enrollments WHERE class_id = $2 AND attendance_rate = 1) AS rate_one
           FROM attendance_records a WHERE a.session_id = $1 AND a.source = 'check_in'`,
        [sessionId, classId],
      )
    ).rows;

    const ms = (v: number) => v.toFixed(1);
    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const drained = outbox.done >= LEARNERS && !outbox.other;
    writeResultsSection(
      join(BENCH_ROOT, 'bench', 'RESULTS.md'),
      'check-in',
      `
## Check-in at a mass conference: 2,300 learners, 98 bridge points, one minute

Written by \`bench/check-in.ts\` (\`npm run bench\`); re-running replaces this section.

${runFacts(started, host)}
- Nothing pinned: the server, its workers, PostgreSQL, Redis and the load generator share the ${host.cores} cores.
- App: \`node dist/src/main.js\` (role \`all\`: API, outbox relay and job workers in one process) on port ${PORT}, fresh database \`${DATABASE}\` with the demo seed (\`SEED_DEMO_DATA=true\`), LOG_LEVEL=warn.
- Setup (outside the measured minute): the seeded conference \`${CONFERENCE_CLASS_CODE}\` (one session, ${points.length} bridge points) has its session moved by SQL to start 5 minutes ago; ${LEARNERS.toLocaleString('en-US')} new learners enrolled as \`qtv.tuyenquang\` through \`POST /classes/:id/enrollments/import\` (CSV), ${(enrolMs / 1000).toFixed(2)} s including the drain of its own progress events; their access tokens are signed by the harness with the server's key (no password logins); the code is read as \`qtv.tuyenquang\` from \`GET /sessions/:id\`.
- Load: ${LEARNERS.toLocaleString('en-US')} \`POST /sessions/:id/check-in {code, bridgePointId}\`, one per learner, sent open-loop at even intervals over ${SPREAD_MS / 1000} s (${(LEARNERS / (SPREAD_MS / 1000)).toFixed(1)} req/s), bridge points round-robin; no warm-up. Latency runs from each request's scheduled time to the end of its response (the harness sent at most ${ms(maxLag)} ms late).

| Measure | Result | Target |
| ------- | -----: | -----: |
| Check-in latency | p50 ${ms(stats.p50)} ms, p95 ${ms(stats.p95)} ms, p99 ${ms(stats.p99)} ms, max ${ms(stats.max)} ms | p99 under ${TARGET_P99_MS} ms: ${pass(stats.p99 < TARGET_P99_MS)} |
| Errors (non-2xx or no answer) | ${errors.length}${errorKinds.length ? ` (${errorKinds.join('; ')})` : ''} | 0: ${pass(errors.length === 0)} |
| Attendance records (source \`check_in\`) | ${records.n.toLocaleString('en-US')}, over ${records.points} bridge points | ${LEARNERS.toLocaleString('en-US')}: ${pass(records.n === LEARNERS)} |
| \`${PROGRESS_TOPIC}\` events \`done\` | ${outbox.done.toLocaleString('en-US')}${outbox.other ? ` (still ${outbox.other})` : ''}, ${drainedSeconds.toFixed(2)} s after the last check-in answered | all ${LEARNERS.toLocaleString('en-US')}: ${pass(drained)} |
| Enrolments whose summary shows attendance rate 1 | ${records.rate_one.toLocaleString('en-US')} | ${LEARNERS.toLocaleString('en-US')}: ${pass(records.rate_one === LEARNERS)} |

Each check-in is one transaction: the session and the learner's enrolment in one query, the code
checked against the session's secret (current or previous period), the bridge point checked, the
attendance record inserted (\`ON CONFLICT DO NOTHING\`) and an outbox event published; the progress
summary is recomputed afterwards by the job the outbox relay hands to BullMQ.
`,
    );
  } finally {
    await db.end().catch(() => undefined);
    await stopServer(app.server);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
