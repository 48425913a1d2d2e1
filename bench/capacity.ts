/**
 * `npm run bench` (capacity knees): how far one process goes. Writes the `capacity` section of
 * bench/RESULTS.md (`BENCH_CAPACITY_SECTION` names another, e.g. to keep a base run beside it).
 *
 * Two mixes on the seeded district conference (2,300 learners, harness-signed tokens), each on its
 * own fresh app (role `all`) and database, stepping an open-loop offered rate (each request sent at
 * its time, never waiting for an earlier one) until p99 passes the target or an error appears:
 * - check-in: `POST /sessions/:id/check-in` at r/s for the step's seconds, over as many sessions of
 *   the class as the step needs (one record per learner and session); records cleared between steps;
 * - exam: `POST /exams/:id/attempts` at r/s, each learner's `PUT /attempts/:id/answers` 5 s later and
 *   `POST /attempts/:id/submit` 5 s after that, over fresh 20-question quizzes per step.
 * After each step the invariants: every 2xx check-in stored and its progress event done; every
 * started attempt stored and every submitted one graded.
 *
 * Knobs: BENCH_CAPACITY_MIXES (`checkin,exam`), BENCH_CAPACITY_CHECKIN_RATES,
 * BENCH_CAPACITY_EXAM_RATES (comma-separated per second), BENCH_CAPACITY_STEP_S (20),
 * BENCH_CAPACITY_PAUSE_S (10), BENCH_CAPACITY_WARMUP_S (5, at the first rate, not reported),
 * BENCH_CAPACITY_ALL_STEPS=true (do not stop at the knee), BENCH_CAPACITY_DATABASE_SOCKET (a directory:
 * the app reaches PostgreSQL through its Unix socket), BENCH_STATEMENTS=true (count statements).
 */
import { Agent, request as httpRequest } from 'node:http';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import {
  answerFor,
  Conference,
  CONFERENCE_LEARNERS as LEARNERS,
  KeyedQuestion,
  learnerTokens,
  startConference,
  waitForGraded,
  waitForOutbox,
} from './conference';
import {
  BENCH_ROOT,
  BENCH_TMP,
  machine,
  percentile,
  processCpuTicks,
  runFacts,
  stopServer,
  writeResultsSection,
} from './support';
import type { StatementCount } from './statement-counter';

type Mix = 'checkin' | 'exam';
const PORTS: Record<Mix, number> = { checkin: 3301, exam: 3302 };
const DATABASES: Record<Mix, string> = { checkin: 'lyluan_bench_knees_checkin', exam: 'lyluan_bench_knees_exam' };
const TARGET_P99_MS: Record<Mix, number> = { checkin: 200, exam: 300 };
/** The goals of issue 17: the national launch's check-ins, a contest round of 23,000 in a minute. */
const GOAL_RATE: Record<Mix, number> = { checkin: 278, exam: 383 };
const QUESTIONS = 20;
/** Start → save (all answers) → submit. */
const EXAM_GAPS_MS = [5_000, 5_000];
const DRAIN_WAIT_MS = 180_000;

const numbers = (value: string | undefined, fallback: number[]) =>
  value
    ? value
        .split(',')
        .map(Number)
        .filter((n) => n > 0)
    : fallback;
const RATES: Record<Mix, number[]> = {
  checkin: numbers(process.env.BENCH_CAPACITY_CHECKIN_RATES, [40, 80, 120, 160, 200, 240, 278, 320, 400]),
  exam: numbers(process.env.BENCH_CAPACITY_EXAM_RATES, [40, 80, 120, 160, 200, 240, 300, 383, 450]),
};
const MIXES = (process.env.BENCH_CAPACITY_MIXES ?? 'checkin,exam').split(',').filter((m): m is Mix => m in PORTS);
const STEP_S = Number(process.env.BENCH_CAPACITY_STEP_S ?? 20);
const PAUSE_S = Number(process.env.BENCH_CAPACITY_PAUSE_S ?? 10);
const WARMUP_S = Number(process.env.BENCH_CAPACITY_WARMUP_S ?? 5);
const ALL_STEPS = process.env.BENCH_CAPACITY_ALL_STEPS === 'true';
const SECTION = process.env.BENCH_CAPACITY_SECTION ?? 'capacity';
/**
 * The app's PostgreSQL through its Unix socket in this directory (e.g. /var/run/postgresql) instead
 * of TCP on 127.0.0.1: on one machine a statement's loopback TCP send is a large part of its cost.
 */
const DATABASE_SOCKET = process.env.BENCH_CAPACITY_DATABASE_SOCKET;
/** Counts the statements of each step in the server (bench/statement-counter.ts). */
const STATEMENTS = process.env.BENCH_STATEMENTS === 'true';

/** Statement counts of the server since the last call (setup, or the previous step and its drain). */
class StatementCounts {
  private dumps = 0;
  constructor(
    private readonly pid: number,
    private readonly file: string,
  ) {}

  async take(): Promise<StatementCount[]> {
    if (!STATEMENTS) return [];
    process.kill(this.pid, 'SIGUSR2');
    const dump = `${this.file}.${this.dumps++}`;
    for (let i = 0; i < 50 && !existsSync(dump); i++) await delay(100);
    return JSON.parse(readFileSync(dump, 'utf8')) as StatementCount[];
  }
}

/** Ticks are 1/100 s. */
const perRequest = (ticks: { app: number; pg: number }, requests: number) => ({
  appMsPerRequest: (ticks.app * 10) / Math.max(1, requests),
  pgMsPerRequest: (ticks.pg * 10) / Math.max(1, requests),
});

function statementSummary(counts: StatementCount[], requests: number): string {
  if (!counts.length || !requests) return '';
  const total = counts.reduce((sum, c) => sum + c.calls, 0);
  const top = counts
    .slice(0, 8)
    .map((c) => `${(c.calls / requests).toFixed(2)} × \`${c.text.slice(0, 90)}\` (${(c.ms / c.calls).toFixed(1)} ms)`);
  return `${(total / requests).toFixed(1)} statements per 2xx request (step and drain): ${top.join('; ')}`;
}

interface Outcome {
  kind: 'check-in' | 'start' | 'save' | 'submit';
  /** From the moment it was due to the end of its response. */
  latencyMs: number;
  status: number;
  code?: string;
  json?: Record<string, unknown>;
}

/** Keep-alive sockets without a cap: an open loop must never queue in the client. */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

/** One request on node:http (lighter than fetch, so the harness stays off the server's core). */
function send(
  port: number,
  kind: Outcome['kind'],
  due: number,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<Outcome> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const done = (status: number, text: string, code?: string) => {
      const outcome: Outcome = { kind, latencyMs: performance.now() - due, status, code };
      if (status >= 200 && status < 300) {
        if (kind === 'start') outcome.json = JSON.parse(text) as Record<string, unknown>;
      } else if (!code) {
        try {
          outcome.code = String((JSON.parse(text) as { code?: string }).code ?? text.slice(0, 80));
        } catch {
          outcome.code = text.slice(0, 80);
        }
      }
      resolve(outcome);
    };
    const req = httpRequest(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
        res.on('error', (e) => done(0, '', e.message));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => done(0, '', e.code ?? e.message));
    req.end(payload);
  });
}

/**
 * What the database's backends are doing, sampled every 250 ms during a step: running, idle in a
 * transaction, or waiting (on a lock, on the WAL flush of a commit, on the client); as average
 * backends in each state.
 */
function sampleWaits(db: Client, database: string): { stop: () => Promise<string> } {
  const seen = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await db.query<{ w: string; n: number }>(
        `SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'running') ELSE state END AS w,
                count(*)::int AS n
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle' GROUP BY 1`,
        [database],
      );
      samples++;
      for (const r of rows) seen.set(r.w, (seen.get(r.w) ?? 0) + r.n);
      await delay(250);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return [...seen]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([w, n]) => `${w} ${(n / Math.max(1, samples)).toFixed(1)}`)
        .join(', ');
    },
  };
}

/** CPU ticks of the process and of the PostgreSQL backends serving its database. */
async function cpuSnapshot(
  db: Client,
  pid: number,
  database: string,
): Promise<{ app: number; pg: Map<number, number> }> {
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database],
  );
  const pg = new Map<number, number>();
  for (const r of rows) pg.set(r.pid, await processCpuTicks(r.pid));
  return { app: await processCpuTicks(pid), pg };
}

function pgTicksBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ticks] of after) total += ticks - (before.get(pid) ?? 0);
  return total;
}

interface StepResult {
  rate: number;
  sent: number;
  achieved: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** p99 of the starts alone (exam mix). */
  startP99?: number;
  /** p99 by kind of request, for the log. */
  kinds: string;
  errors: Record<string, number>;
  appCpu: number;
  pgCpu: number;
  /** Backends of the database by state during the step (averages). */
  waits: string;
  /** CPU ms per 2xx request of the app and of PostgreSQL over the step and its drain: the cost, less noisy than latency. */
  appMsPerRequest: number;
  pgMsPerRequest: number;
  lagP99: number;
  lagMax: number;
  held: boolean;
  invariant: string;
  invariantHolds: boolean;
  drainS: number;
  statements: string;
}

/**
 * Runs `count` units of load open-loop at `rate` per second: unit i is due at start + i / rate and
 * `unit` does what it does from there; resolves with every outcome and the step's measures.
 */
async function openLoop(
  conference: Conference,
  database: string,
  rate: number,
  count: number,
  unit: (i: number, due: number) => Promise<Outcome[]>,
): Promise<{
  outcomes: Outcome[];
  seconds: number;
  appCpu: number;
  pgCpu: number;
  lagP99: number;
  lagMax: number;
  waits: string;
  /** CPU ticks (app, PostgreSQL) from the step's start until now: call after the drain. */
  ticksSinceStart: () => Promise<{ app: number; pg: number }>;
}> {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const pid = conference.app.server.child.pid!;
  const before = await cpuSnapshot(conference.db, pid, database);
  lag.enable();
  const waits = sampleWaits(conference.db, database);
  const begin = performance.now() + 50;
  const units: Promise<Outcome[]>[] = [];
  for (let i = 0; i < count; i++) {
    const due = begin + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await delay(wait);
    units.push(unit(i, due));
  }
  const outcomes = (await Promise.all(units)).flat();
  const seconds = (performance.now() - begin) / 1000;
  lag.disable();
  const waitSummary = await waits.stop();
  const after = await cpuSnapshot(conference.db, pid, database);
  // Ticks are 1/100 s: ticks / seconds is the percent of one core.
  return {
    outcomes,
    seconds,
    appCpu: (after.app - before.app) / seconds,
    pgCpu: pgTicksBetween(before.pg, after.pg) / seconds,
    lagP99: lag.percentile(99) / 1e6,
    lagMax: lag.max / 1e6,
    waits: waitSummary,
    ticksSinceStart: async () => {
      const now = await cpuSnapshot(conference.db, pid, database);
      return { app: now.app - before.app, pg: pgTicksBetween(before.pg, now.pg) };
    },
  };
}

function measure(
  mix: Mix,
  rate: number,
  run: Awaited<ReturnType<typeof openLoop>>,
): Omit<StepResult, 'invariant' | 'invariantHolds' | 'drainS' | 'statements' | 'appMsPerRequest' | 'pgMsPerRequest'> {
  const { outcomes } = run;
  const sorted = outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
  const errors: Record<string, number> = {};
  for (const o of outcomes) {
    if (o.status >= 200 && o.status < 300) continue;
    const key = `${o.kind} ${o.status} ${o.code ?? ''}`.trim();
    errors[key] = (errors[key] ?? 0) + 1;
  }
  const starts = outcomes
    .filter((o) => o.kind === 'start')
    .map((o) => o.latencyMs)
    .sort((a, b) => a - b);
  const ok = outcomes.filter((o) => o.status >= 200 && o.status < 300).length;
  const p99 = percentile(sorted, 99);
  return {
    rate,
    sent: outcomes.length,
    achieved: ok / run.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99,
    max: sorted[sorted.length - 1],
    startP99: starts.length ? percentile(starts, 99) : undefined,
    kinds: (['start', 'save', 'submit'] as const)
      .map((kind) => {
        const of = outcomes
          .filter((o) => o.kind === kind)
          .map((o) => o.latencyMs)
          .sort((a, b) => a - b);
        return of.length ? `${kind} p50 ${percentile(of, 50).toFixed(0)} p99 ${percentile(of, 99).toFixed(0)}` : '';
      })
      .filter(Boolean)
      .join(', '),
    errors,
    appCpu: run.appCpu,
    pgCpu: run.pgCpu,
    waits: run.waits,
    lagP99: run.lagP99,
    lagMax: run.lagMax,
    held: p99 < TARGET_P99_MS[mix] && Object.keys(errors).length === 0,
  };
}

/** Extra sessions, so one step can hold more check-ins than the class has learners. */
async function sessionsFor(conference: Conference, needed: number): Promise<string[]> {
  const { rows: existing } = await conference.db.query<{ id: string }>(
    `SELECT id FROM class_sessions WHERE class_id = $1 ORDER BY starts_at, id`,
    [conference.classId],
  );
  const ids = existing.map((r) => r.id);
  while (ids.length < needed) {
    const session = await conference.app.api<{ id: string }>(`/api/v1/classes/${conference.classId}/sessions`, {
      method: 'POST',
      token: conference.staffToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        startsAt: new Date(Date.now() - 300_000).toISOString(),
        endsAt: new Date(Date.now() + 4 * 3_600_000).toISOString(),
        lessonIds: [],
        location: `Phiên đo tải ${ids.length + 1}`,
        bridgePoints: Array.from({ length: 20 }, (_, i) => ({ name: `Điểm cầu ${i + 1}` })),
      }),
    });
    ids.push(session.id);
  }
  // A harness may move its own sessions so that check-in is open whenever it runs.
  await conference.db.query(
    `UPDATE class_sessions SET starts_at = now() - interval '5 minutes', ends_at = now() + interval '4 hours'
      WHERE class_id = $1`,
    [conference.classId],
  );
  return ids.slice(0, needed);
}

async function checkInStep(
  conference: Conference,
  rate: number,
  counts: StatementCounts,
  seconds = STEP_S,
): Promise<StepResult> {
  const count = Math.round(rate * seconds);
  const sessionIds = await sessionsFor(conference, Math.ceil(count / LEARNERS));
  const targets: { sessionId: string; code: string; points: string[] }[] = [];
  for (const sessionId of sessionIds) {
    // Read per step: the code turns every period and the previous one is still accepted.
    const s = await conference.app.api<{ checkInCode?: string; bridgePoints: { id: string }[] }>(
      `/api/v1/sessions/${sessionId}`,
      { token: conference.staffToken },
    );
    if (!s.checkInCode) throw new Error('staff were not shown a check-in code');
    targets.push({ sessionId, code: s.checkInCode, points: s.bridgePoints.map((p) => p.id) });
  }
  await settle(conference.db);
  const tokens = learnerTokens(conference.learnerIds);
  const since = new Date(Date.now() - 1000);
  await counts.take();
  const run = await openLoop(conference, DATABASES.checkin, rate, count, async (i, due) => {
    const target = targets[Math.floor(i / LEARNERS)];
    const body = { code: target.code, bridgePointId: target.points[i % target.points.length] };
    return [
      await send(
        PORTS.checkin,
        'check-in',
        due,
        'POST',
        `/api/v1/sessions/${target.sessionId}/check-in`,
        tokens[i % LEARNERS],
        body,
      ),
    ];
  });
  const step = measure('checkin', rate, run);
  const ok = run.outcomes.filter((o) => o.status === 200).length;
  const drainFrom = performance.now();
  const outbox = await waitForOutbox(conference.db, 'attendance.recorded', since, ok);
  const drainS = (performance.now() - drainFrom) / 1000;
  // What the step set off downstream (grading's and progress's own events) belongs to its cost.
  await settle(conference.db);
  const statements = statementSummary(await counts.take(), ok);
  const cost = perRequest(await run.ticksSinceStart(), ok);
  const [{ n }] = (
    await conference.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM attendance_records WHERE session_id = ANY($1) AND source = 'check_in'`,
      [sessionIds],
    )
  ).rows;
  await conference.db.query(`DELETE FROM attendance_records WHERE session_id = ANY($1)`, [sessionIds]);
  return {
    ...step,
    invariant: `${ok} 2xx, ${n} stored, ${outbox.done} events done${outbox.other ? ` (${outbox.other})` : ''}`,
    invariantHolds: n === ok && outbox.done >= ok && !outbox.other,
    drainS,
    statements,
    ...cost,
  };
}

/**
 * Waits until no outbox event is due: what setting up a step caused (a new quiz notifies the
 * class's learners, a new session schedules reminders) is done before the load, as a contest's
 * exam is published well before its round opens.
 */
async function settle(db: Client): Promise<void> {
  const deadline = Date.now() + DRAIN_WAIT_MS;
  while (Date.now() < deadline) {
    const [{ n }] = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox_events WHERE status IN ('pending', 'enqueued') AND available_at <= now()`,
      )
    ).rows;
    if (n === 0) return;
    await delay(200);
  }
  throw new Error('the outbox did not settle before the step');
}

/** Learner `index` answers this many questions right. */
const rightCount = (index: number) => (index * 7) % (QUESTIONS + 1);

async function examStep(
  conference: Conference,
  rate: number,
  questions: KeyedQuestion[],
  stepNumber: number,
  counts: StatementCounts,
  seconds = STEP_S,
): Promise<StepResult> {
  const count = Math.round(rate * seconds);
  const keys = new Map(questions.map((q) => [q.id, q]));
  const examIds: string[] = [];
  for (let e = 0; e < Math.ceil(count / LEARNERS); e++) {
    const exam = await conference.app.api<{ id: string }>(`/api/v1/classes/${conference.classId}/exams`, {
      method: 'POST',
      token: conference.staffToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `Thi thử đo tải ${stepNumber}.${e + 1}`,
        kind: 'quiz',
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        timeLimitMinutes: 45,
        maxAttempts: 1,
        passMark: 5,
        shuffle: true,
        gradingPolicy: 'highest',
        questionIds: questions.map((q) => q.id),
      }),
    });
    examIds.push(exam.id);
  }
  await settle(conference.db);
  const tokens = learnerTokens(conference.learnerIds);
  const port = PORTS.exam;
  await counts.take();
  const run = await openLoop(conference, DATABASES.exam, rate, count, async (i, due) => {
    const token = tokens[i % LEARNERS];
    const examId = examIds[Math.floor(i / LEARNERS)];
    const start = await send(port, 'start', due, 'POST', `/api/v1/exams/${examId}/attempts`, token);
    const attempt = start.json as { id: string; questions: { id: string }[] } | undefined;
    delete start.json;
    if (!attempt) return [start];
    const right = rightCount(i % LEARNERS);
    const answers = attempt.questions.map((q, n) => ({
      questionId: q.id,
      value: answerFor(keys.get(q.id)!, n < right),
    }));
    const saveDue = due + EXAM_GAPS_MS[0];
    await delay(Math.max(0, saveDue - performance.now()));
    const save = await send(port, 'save', saveDue, 'PUT', `/api/v1/attempts/${attempt.id}/answers`, token, { answers });
    const submitDue = saveDue + EXAM_GAPS_MS[1];
    await delay(Math.max(0, submitDue - performance.now()));
    const submit = await send(port, 'submit', submitDue, 'POST', `/api/v1/attempts/${attempt.id}/submit`, token);
    return [start, save, submit];
  });
  const step = measure('exam', rate, run);
  const started = run.outcomes.filter((o) => o.kind === 'start' && o.status >= 200 && o.status < 300).length;
  const submitted = run.outcomes.filter((o) => o.kind === 'submit' && o.status >= 200 && o.status < 300).length;
  const drainFrom = performance.now();
  let graded = 0;
  for (const examId of examIds) {
    const [{ n }] = (
      await conference.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM exam_attempts WHERE exam_id = $1 AND status <> 'in_progress'`,
        [examId],
      )
    ).rows;
    graded += await waitForGraded(conference.db, examId, n, DRAIN_WAIT_MS);
  }
  const drainS = (performance.now() - drainFrom) / 1000;
  // What the step set off downstream (grading's and progress's own events) belongs to its cost.
  await settle(conference.db);
  const ok = run.outcomes.filter((o) => o.status >= 200 && o.status < 300).length;
  const statements = statementSummary(await counts.take(), ok);
  const cost = perRequest(await run.ticksSinceStart(), ok);
  const [stored] = (
    await conference.db.query<{ attempts: number; graded: number }>(
      `SELECT count(*)::int AS attempts, count(*) FILTER (WHERE status = 'graded')::int AS graded
         FROM exam_attempts WHERE exam_id = ANY($1)`,
      [examIds],
    )
  ).rows;
  return {
    ...step,
    invariant: `${started} started, ${stored.attempts} stored; ${submitted} submitted, ${stored.graded} graded`,
    invariantHolds: stored.attempts === started && stored.graded === submitted && graded === submitted,
    drainS,
    statements,
    ...cost,
  };
}

async function objectiveQuestions(conference: Conference): Promise<KeyedQuestion[]> {
  const { rows } = await conference.db.query<KeyedQuestion>(
    `SELECT q.id, q.type, q.options, q.correct, q.accepted_answers FROM questions q
       JOIN classes c ON c.course_id = q.course_id
      WHERE c.id = $1 AND q.type <> 'essay' ORDER BY q.created_at, q.id LIMIT $2`,
    [conference.classId, QUESTIONS],
  );
  if (rows.length < QUESTIONS) throw new Error(`the course has only ${rows.length} objective questions`);
  return rows;
}

const ms = (v: number | undefined) => (v === undefined ? '' : v < 1000 ? v.toFixed(0) : `${(v / 1000).toFixed(2)} s`);

function table(mix: Mix, steps: StepResult[]): string {
  const head =
    mix === 'exam'
      ? '| Starts/s offered | Requests | 2xx/s achieved | p50 ms | p95 ms | p99 ms | start p99 ms | Errors | App CPU | PG CPU | CPU ms/request app / PG | Harness lag p99 / max ms | Drain s | Invariants | Held |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |'
      : '| Check-ins/s offered | Requests | 2xx/s achieved | p50 ms | p95 ms | p99 ms | Errors | App CPU | PG CPU | CPU ms/request app / PG | Harness lag p99 / max ms | Drain s | Invariants | Held |\n| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |';
  const rows = steps.map((s) => {
    const errors = Object.entries(s.errors)
      .map(([k, n]) => `${n} × ${k}`)
      .join('; ');
    return [
      s.rate,
      s.sent,
      s.achieved.toFixed(0),
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      ...(mix === 'exam' ? [ms(s.startP99)] : []),
      errors || '0',
      `${s.appCpu.toFixed(0)} %`,
      `${s.pgCpu.toFixed(0)} %`,
      `${s.appMsPerRequest.toFixed(2)} / ${s.pgMsPerRequest.toFixed(2)}`,
      `${s.lagP99.toFixed(0)} / ${s.lagMax.toFixed(0)}`,
      s.drainS.toFixed(1),
      `${s.invariantHolds ? 'hold' : 'BROKEN'}: ${s.invariant}`,
      s.held ? 'yes' : 'no',
    ].join(' | ');
  });
  const notes = steps.map(
    (s) =>
      `- ${s.rate}/s: database backends not idle (average): ${s.waits || 'none'}${s.statements ? `; ${s.statements}` : ''}`,
  );
  return [head, ...rows.map((r) => `| ${r} |`), '', ...notes].join('\n');
}

async function runMix(mix: Mix): Promise<StepResult[]> {
  const statementsFile = join(BENCH_TMP, `knees-${mix}-statements`);
  const conference = await startConference({
    name: `knees-${mix}`,
    port: PORTS[mix],
    database: DATABASES[mix],
    env: {
      ...(STATEMENTS
        ? {
            NODE_OPTIONS: `-r ts-node/register/transpile-only -r ${join(BENCH_ROOT, 'bench', 'statement-counter.ts')}`,
            BENCH_STATEMENTS_FILE: statementsFile,
          }
        : {}),
      ...(DATABASE_SOCKET
        ? {
            DATABASE_URL: `postgres://postgres@localhost/${DATABASES[mix]}?host=${encodeURIComponent(DATABASE_SOCKET)}`,
          }
        : {}),
    },
  });
  const counts = new StatementCounts(conference.app.server.child.pid!, statementsFile);
  for (const old of readdirSync(BENCH_TMP).filter((f) => f.startsWith(`knees-${mix}-statements.`))) {
    rmSync(join(BENCH_TMP, old));
  }
  const steps: StepResult[] = [];
  try {
    const questions = mix === 'exam' ? await objectiveQuestions(conference) : [];
    if (WARMUP_S > 0) {
      // A fresh process runs its first requests unoptimised: warm it up at the first rate, unmeasured.
      const rate = RATES[mix][0];
      const warm =
        mix === 'checkin'
          ? await checkInStep(conference, rate, counts, WARMUP_S)
          : await examStep(conference, rate, questions, 0, counts, WARMUP_S);
      console.log(`bench: ${mix} warm-up ${WARMUP_S} s at ${rate}/s: p99 ${ms(warm.p99)} ms; ${warm.invariant}`);
    }
    for (const [n, rate] of RATES[mix].entries()) {
      await delay(PAUSE_S * 1000);
      const step =
        mix === 'checkin'
          ? await checkInStep(conference, rate, counts)
          : await examStep(conference, rate, questions, n + 1, counts);
      steps.push(step);
      console.log(
        `bench: ${mix} ${rate}/s: achieved ${step.achieved.toFixed(0)}/s, p50 ${ms(step.p50)} p95 ${ms(step.p95)} p99 ${ms(step.p99)} ms, ` +
          `errors ${JSON.stringify(step.errors)}, app CPU ${step.appCpu.toFixed(0)} %, PG CPU ${step.pgCpu.toFixed(0)} %, ` +
          `CPU ms/request app ${step.appMsPerRequest.toFixed(2)} PG ${step.pgMsPerRequest.toFixed(2)}, ` +
          `lag p99 ${step.lagP99.toFixed(0)} ms; ${step.invariant}; drained in ${step.drainS.toFixed(1)} s`,
      );
      if (step.kinds) console.log(`bench:   ${step.kinds} ms`);
      console.log(`bench:   backends: ${step.waits}`);
      if (step.statements) console.log(`bench:   ${step.statements}`);
      if (!step.held && !ALL_STEPS) break;
    }
  } finally {
    await conference.db.end().catch(() => undefined);
    await stopServer(conference.app.server);
  }
  return steps;
}

function knee(mix: Mix, steps: StepResult[]): string {
  const held = steps.filter((s) => s.held && s.invariantHolds);
  const best = held.length ? Math.max(...held.map((s) => s.rate)) : 0;
  const goal = GOAL_RATE[mix];
  return `highest rate held ${best}/s (${(best / machine().cores).toFixed(0)}/s per core of ${machine().cores}); goal ${goal}/s: ${best >= goal ? 'MET' : `${((100 * best) / goal).toFixed(0)} % of it`}`;
}

async function main(): Promise<void> {
  const started = new Date();
  const host = machine();
  const results: Partial<Record<Mix, StepResult[]>> = {};
  for (const mix of MIXES) results[mix] = await runMix(mix);
  writeFileSync(join(BENCH_TMP, `${SECTION}.json`), JSON.stringify(results, null, 2));
  const minutes = (Date.now() - started.getTime()) / 60_000;
  const parts: string[] = [];
  if (results.checkin) {
    parts.push(`### Check-in (target p99 < ${TARGET_P99_MS.checkin} ms): ${knee('checkin', results.checkin)}

${table('checkin', results.checkin)}`);
  }
  if (results.exam) {
    parts.push(`### Exam mix: starts, a save 5 s later, a submit 5 s after that (target p99 < ${TARGET_P99_MS.exam} ms over all three): ${knee('exam', results.exam)}

${table('exam', results.exam)}`);
  }
  writeResultsSection(
    join(BENCH_ROOT, 'bench', 'RESULTS.md'),
    SECTION,
    `
## Capacity knees${SECTION === 'capacity' ? '' : ` (${SECTION})`}

Written by \`bench/capacity.ts\` (\`npm run bench\`, or alone: \`npx ts-node --transpile-only bench/capacity.ts\` after \`npm run build\`); re-running replaces this section. This run took ${minutes.toFixed(1)} minutes.

${runFacts(started, host)}
- PostgreSQL reached over ${DATABASE_SOCKET ? `its Unix socket in \`${DATABASE_SOCKET}\`` : 'TCP on 127.0.0.1'}. Nothing pinned: the app (role \`all\`: API, outbox relay and job workers in one process), PostgreSQL, Redis and this harness share the ${host.cores} cores. App CPU and PG CPU are percent of one core over the step (the app process; the PostgreSQL backends of its database).
- Setup per mix (not measured): a fresh database with the demo seed, the conference \`HN-CD2026-TQ\` with ${LEARNERS.toLocaleString('en-US')} learners enrolled by CSV import, tokens signed by the harness. Check-in: as many sessions of the class (20 bridge points each) as a step needs, records deleted between steps. Exam: fresh ${QUESTIONS}-question quizzes per step (one attempt each, shuffled). Before each step the outbox is left to settle (no event due), so what creating a quiz or a session set off (notifications, reminders) is not measured.
- Load: open loop, each request sent at its due time; ${STEP_S} s per step, ${PAUSE_S} s pause, stopping after the first step whose p99 passes the target or that has an error. Latency runs from the due time to the end of the response. Harness lag: its own event-loop delay during the step. Drain: seconds from the step's last answer until every progress event is done (check-in) or every submitted attempt graded (exam).

${parts.join('\n\n')}
`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
