/**
 * `npm run bench` (ninth part): reminders of a session of 100,000 learners, by email and in-app, a
 * worker killed halfway through them, and webhook deliveries. Writes the `notifications` section of
 * bench/RESULTS.md.
 *
 * One class of the seeded unit TCT-TUYENQUANG gets 100,000 learners with addresses (SQL), and a
 * session 24 h ahead; the real minute scan takes it. Measured from the scan: all notifications
 * stored, all emails received by an SMTP sink in this process and marked `sent`. Then a second
 * session of the class, and the worker is SIGKILLed when half its emails have arrived and started
 * again. Last, a webhook on `enrollment.completed` and a few thousand such events published in SQL.
 */
import { AddressInfo, createServer as createTcpServer, Socket } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { DEMO_PASSWORD } from '../src/seed/demo-tree';
import { addSessionTomorrow } from './conference';
import {
  AppUnderTest,
  BENCH_ROOT,
  machine,
  runFacts,
  startAppUnderTest,
  startWebhookReceiver,
  stopServer,
  writeResultsSection,
} from './support';

const NAME = 'notifications';
const API_PORT = 3110;
const WORKER_PORT = 3111;
const DATABASE = 'lyluan_bench_notifications';
/** Learners of the class (`BENCH_NOTIFY_LEARNERS`, default 100,000; fewer for a quick look). */
const LEARNERS = Number(process.env.BENCH_NOTIFY_LEARNERS ?? 100_000);
const WEBHOOK_EVENTS = 5_000;
/** Worker processes side by side (`BENCH_NOTIFY_WORKERS`, default 2, as the results were measured). */
const WORKERS = Number(process.env.BENCH_NOTIFY_WORKERS ?? 2);
const TARGET_SECONDS = 60;
/**
 * SMTP connections per worker (`BENCH_SMTP_POOL_SIZE`, default 40, against the setting's default of
 * 10): Postfix serves up to 100 clients at once by default, and at four round trips a message the
 * send rate follows the connections.
 */
const SMTP_POOL_SIZE = process.env.BENCH_SMTP_POOL_SIZE ?? '40';
/**
 * Messages per SMTP connection (`BENCH_SMTP_MAX_MESSAGES`, default 10,000, against the setting's
 * 100): the sink, like a relay of the school's own, sets no limit; in a trial of nodemailer and
 * the sink alone (5,000 messages, 40 connections, after a warm-up) renewing every 100 messages sent
 * 1,118 a second, every 1,000 sent 1,536.
 */
const SMTP_MAX_MESSAGES = process.env.BENCH_SMTP_MAX_MESSAGES ?? '10000';
const WAIT_MS = 600_000;
const UNIT_CODE = 'TCT-TUYENQUANG';
const ADMIN = 'qtv.tuyenquang';

/**
 * An SMTP server that accepts everything and only counts, written on `net` with no parsing: at
 * 100,000 messages smtp-server's stream machinery took as much CPU as the worker under test, on a
 * 2-core machine. Speaks what nodemailer uses (EHLO with PIPELINING, MAIL, RCPT, DATA, RSET, NOOP,
 * QUIT) and counts messages per RCPT TO and per Message-ID.
 */
interface CountingSink {
  url: string;
  /** Messages received per recipient address since the last `reset`. */
  perRecipient: Map<string, number>;
  /** Messages received per Message-ID since the last `reset`. */
  perMessageId: Map<string, number>;
  messages: number;
  reset(): void;
  close(): Promise<void>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

async function startCountingSink(): Promise<CountingSink> {
  const sink = {
    perRecipient: new Map<string, number>(),
    perMessageId: new Map<string, number>(),
    messages: 0,
  };
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    // Replies are a few bytes: without this, Nagle's wait on each stalls every SMTP round trip.
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    // A killed worker's connections end in ECONNRESET: expected in the fault run.
    socket.on('error', () => undefined);
    let buffer = '';
    let inData = false;
    let rcpts: string[] = [];
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let replies = '';
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) break;
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          sink.messages++;
          for (const rcpt of rcpts) bump(sink.perRecipient, rcpt);
          const id = /^Message-ID:\s*(\S+)/im.exec(message.slice(0, message.indexOf('\r\n\r\n')));
          if (id) bump(sink.perMessageId, id[1]);
          replies += '250 OK\r\n';
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) break;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') replies += '250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n';
        else if (verb === 'MAIL' || verb === 'RSET') {
          rcpts = [];
          replies += '250 OK\r\n';
        } else if (verb === 'RCPT') {
          rcpts.push((/<([^>]*)>/.exec(line)?.[1] ?? '').toLowerCase());
          replies += '250 OK\r\n';
        } else if (verb === 'DATA') {
          inData = true;
          replies += '354 go on\r\n';
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
          return;
        } else replies += '250 OK\r\n';
      }
      if (replies) socket.write(replies);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    reset() {
      sink.perRecipient.clear();
      sink.perMessageId.clear();
      sink.messages = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  });
}

/** A class of the unit (a copy of a seeded one) with `LEARNERS` new users, all active, all with an address. */
async function makeClass(db: Client): Promise<{ classId: string; unitId: string }> {
  const [{ unitId }] = (
    await db.query<{ unitId: string }>(`SELECT id AS "unitId" FROM org_units WHERE code = $1`, [UNIT_CODE])
  ).rows;
  const [{ classId }] = (
    await db.query<{ classId: string }>(
      `INSERT INTO classes (course_id, org_unit_id, code, title, starts_on, ends_on, mode, capacity, enrollment_policy,
                            timezone, status, require_final_exam, opened_at)
       SELECT course_id, org_unit_id, 'BENCH-NHAC-LICH', 'Lớp đo nhắc lịch 100.000 học viên', current_date,
              current_date + 60, 'in_person', NULL, enrollment_policy, timezone, 'open', require_final_exam, now()
         FROM classes WHERE org_unit_id = $1 ORDER BY code LIMIT 1
       RETURNING id AS "classId"`,
      [unitId],
    )
  ).rows;
  await db.query(
    `WITH made AS (
       INSERT INTO users (username, full_name, email, org_unit_id, search_text)
       SELECT 'bench.hv.' || g, 'Học viên đo ' || g, 'bench.hv.' || g || '@example.test', $2, 'hoc vien do ' || g
         FROM generate_series(1, $3::int) AS g
       RETURNING id)
     INSERT INTO enrollments (class_id, user_id, status, source, decided_at)
     SELECT $1, id, 'active', 'import', now() FROM made`,
    [classId, unitId, LEARNERS],
  );
  await db.query('ANALYZE users; ANALYZE enrollments');
  return { classId, unitId };
}

interface Counts {
  notifications: number;
  sent: number;
  pending: number;
}

async function counts(db: Client, sessionId: string): Promise<Counts> {
  const [row] = (
    await db.query<Counts>(
      `SELECT count(*)::int AS notifications, count(*) FILTER (WHERE email_status = 'sent')::int AS sent,
              count(*) FILTER (WHERE email_status = 'pending')::int AS pending
         FROM notifications WHERE kind = 'session.reminder' AND link_id = $1`,
      [sessionId],
    )
  ).rows;
  return row;
}

/** When the scan published the session's `reminder.due` (its transaction's start), on this process's clock. */
async function waitForScan(db: Client, sessionId: string): Promise<number> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { rows } = await db.query<{ ago: number }>(
      `SELECT extract(epoch FROM clock_timestamp() - created_at) * 1000 AS ago FROM outbox_events
        WHERE topic = 'reminder.due' AND payload->>'objectId' = $1 ORDER BY created_at LIMIT 1`,
      [sessionId],
    );
    if (rows[0]) return performance.now() - Number(rows[0].ago);
    await delay(100);
  }
  throw new Error('no scan took the session within 2 minutes');
}

interface Run {
  scanAt: number;
  notificationsMs: number | null;
  receivedMs: number | null;
  sentMs: number | null;
  final: Counts;
  recipients: number;
  messages: number;
  repeated: number;
  /** Distinct Message-IDs received: a message sent again carries its first sending's id. */
  messageIds: number;
  duplicates: number;
}

/**
 * Polls every 100 ms until every notification is stored, every email received and marked sent.
 * `onProgress` runs each poll (the fault run kills and restarts the worker from there).
 */
async function follow(
  db: Client,
  sink: CountingSink,
  sessionId: string,
  onProgress: (received: number) => Promise<void> = async () => undefined,
): Promise<Run> {
  const scanAt = await waitForScan(db, sessionId);
  let notificationsMs: number | null = null;
  let receivedMs: number | null = null;
  let sentMs: number | null = null;
  let final: Counts = { notifications: 0, sent: 0, pending: 0 };
  const deadline = performance.now() + WAIT_MS;
  while (performance.now() < deadline) {
    final = await counts(db, sessionId);
    const now = performance.now() - scanAt;
    if (notificationsMs === null && final.notifications >= LEARNERS) notificationsMs = now;
    if (receivedMs === null && sink.perRecipient.size >= LEARNERS) receivedMs = now;
    if (sentMs === null && final.sent >= LEARNERS) sentMs = now;
    if (notificationsMs !== null && receivedMs !== null && sentMs !== null) break;
    await onProgress(sink.perRecipient.size);
    await delay(100);
  }
  const [{ duplicates }] = (
    await db.query<{ duplicates: number }>(
      `SELECT count(*)::int AS duplicates FROM (
         SELECT 1 FROM notifications WHERE kind = 'session.reminder' AND link_id = $1
          GROUP BY kind, link_id, user_id HAVING count(*) > 1) d`,
      [sessionId],
    )
  ).rows;
  return {
    scanAt,
    notificationsMs,
    receivedMs,
    sentMs,
    final,
    recipients: sink.perRecipient.size,
    messages: sink.messages,
    repeated: [...sink.perRecipient.values()].filter((n) => n > 1).length,
    messageIds: sink.perMessageId.size,
    duplicates,
  };
}

/** Outbox rows written since `since` per subscriber and status: where the time went. */
async function outboxSummary(db: Client, sinceMs: number): Promise<string> {
  const { rows } = await db.query<{ line: string }>(
    `SELECT subscriber || ': ' || string_agg(status || ' ' || n, ', ') || '; first created → last processed ' ||
            round(extract(epoch FROM max(last) - min(first))::numeric, 1) || ' s' AS line
       FROM (SELECT subscriber, status, count(*) AS n, min(created_at) AS first, max(processed_at) AS last
               FROM outbox_events WHERE created_at >= clock_timestamp() - make_interval(secs => $1)
              GROUP BY 1, 2) t GROUP BY subscriber ORDER BY subscriber`,
    [sinceMs / 1000],
  );
  return rows.map((r) => r.line).join('; ');
}

function startWorker(env: NodeJS.ProcessEnv, instance: number): Promise<AppUnderTest> {
  return startAppUnderTest({
    name: NAME,
    port: WORKER_PORT + instance,
    database: DATABASE,
    keepDatabase: true,
    instance,
    env: { ...env, PROCESS_ROLE: 'worker' },
  });
}

async function main(): Promise<void> {
  const started = new Date();
  const host = machine();
  const sink = await startCountingSink();
  const receiver = await startWebhookReceiver();
  const env = {
    SMTP_URL: sink.url,
    SMTP_POOL_SIZE,
    SMTP_MAX_MESSAGES,
    NOTIFY_QUIET_HOURS_START: '00:00',
    NOTIFY_QUIET_HOURS_END: '00:00',
    WEBHOOK_ALLOW_PRIVATE: 'true',
  };
  const api = await startAppUnderTest({
    name: NAME,
    port: API_PORT,
    database: DATABASE,
    env: { ...env, PROCESS_ROLE: 'api' },
  });
  const workers: AppUnderTest[] = [];
  for (let i = 0; i < WORKERS; i++) workers.push(await startWorker(env, i));
  const db = new Client({ connectionString: api.databaseUrl });
  await db.connect();
  try {
    const setupFrom = performance.now();
    const { classId } = await makeClass(db);
    const setupSeconds = (performance.now() - setupFrom) / 1000;
    console.log(`bench: ${LEARNERS} learners made in SQL in ${setupSeconds.toFixed(1)} s; waiting for the scan`);

    const firstSession = await addSessionTomorrow(db, classId);
    const clean = await follow(db, sink, firstSession);
    const cleanOutbox = await outboxSummary(db, performance.now() - clean.scanAt + 5_000);
    console.log(`bench: clean run ${JSON.stringify({ ...clean, scanAt: undefined })}`);
    console.log(`bench: outbox ${cleanOutbox}`);

    sink.reset();
    const secondSession = await addSessionTomorrow(db, classId);
    let killedAt: number | null = null;
    let killedReceived = 0;
    let restartMs = 0;
    const faulty = await follow(db, sink, secondSession, async (received) => {
      if (killedAt !== null || received < LEARNERS / 2) return;
      killedAt = performance.now();
      killedReceived = received;
      workers[0].server.child.kill('SIGKILL');
      await workers[0].server.exited;
      const restartFrom = performance.now();
      workers[0] = await startWorker(env, 0);
      restartMs = performance.now() - restartFrom;
      console.log(`bench: worker killed at ${received} received, up again in ${restartMs.toFixed(0)} ms`);
    });
    const faultyOutbox = await outboxSummary(db, performance.now() - faulty.scanAt + 5_000);
    console.log(`bench: fault run ${JSON.stringify({ ...faulty, scanAt: undefined })}`);
    console.log(`bench: outbox ${faultyOutbox}`);

    const token = await api.login(ADMIN, DEMO_PASSWORD);
    await api.api('/api/v1/webhooks', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['enrollment.completed'] }),
    });
    // Only the webhooks' fan-out subscriber: the other subscribers of the topic (certificates,
    // notifications) would measure themselves, and these enrolments are not really completed.
    const publishedFrom = performance.now();
    await db.query(
      `INSERT INTO outbox_events (topic, subscriber, event_id, payload)
       SELECT 'enrollment.completed', 'webhooks.fan-out-enrollment.completed', gen_random_uuid(),
              jsonb_build_object('enrollmentId', id, 'classId', class_id, 'unmet', '[]'::jsonb)
         FROM enrollments WHERE class_id = $1 ORDER BY id LIMIT $2`,
      [classId, WEBHOOK_EVENTS],
    );
    const webhookDeadline = performance.now() + WAIT_MS;
    while (receiver.ids.size < WEBHOOK_EVENTS && performance.now() < webhookDeadline) await delay(100);
    await delay(1000);
    const times = receiver.times;
    const spanS = times.length > 1 ? (times[times.length - 1] - times[0]) / 1000 : 0;
    const firstAfterS = times.length ? (times[0] - publishedFrom) / 1000 : 0;
    const lastAfterS = times.length ? (times[times.length - 1] - publishedFrom) / 1000 : 0;
    const repeatedIds = [...receiver.ids.values()].filter((n) => n > 1).length;
    const rate = spanS > 0 ? (times.length - 1) / spanS : 0;
    const webhookOutbox = await outboxSummary(db, performance.now() - publishedFrom + 1_000);
    console.log(
      `bench: webhooks ${times.length} received, ${receiver.ids.size} ids, ${repeatedIds} repeated, ${rate.toFixed(0)}/s over ${spanS.toFixed(1)} s`,
    );
    console.log(`bench: outbox ${webhookOutbox}`);

    const s = (ms: number | null) => (ms === null ? 'not reached' : `${(ms / 1000).toFixed(1)} s`);
    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const count = (n: number) => n.toLocaleString('en-US');
    const within = (run: Run) => run.receivedMs !== null && run.sentMs !== null && run.notificationsMs !== null;
    const longest = (run: Run) =>
      Math.max(run.notificationsMs ?? Infinity, run.receivedMs ?? Infinity, run.sentMs ?? Infinity);
    writeResultsSection(
      join(BENCH_ROOT, 'bench', 'RESULTS.md'),
      NAME,
      `
## Notifications: a session of 100,000 learners tomorrow, a worker killed halfway, webhooks

Written by \`bench/notifications.ts\` (\`npm run bench\`); re-running replaces this section.

${runFacts(started, host)}
- App: \`node dist/src/main.js\` with \`PROCESS_ROLE=api\` on port ${API_PORT} and ${WORKERS === 1 ? 'one' : WORKERS} with \`PROCESS_ROLE=worker\` (outbox relay, scheduler, workers, \`WORKER_CONCURRENCY=${process.env.WORKER_CONCURRENCY ?? '8'}\`${process.env.WORKER_CONCURRENCY ? '' : ' (default)'}) on port${WORKERS === 1 ? '' : 's'} ${workers.map((_, i) => WORKER_PORT + i).join(', ')} (\`BENCH_NOTIFY_WORKERS=${WORKERS}\`), fresh database \`${DATABASE}\` with the demo seed, LOG_LEVEL=warn, \`SMTP_URL\` a counting SMTP sink in the harness (on \`node:net\`, PIPELINING: accepts everything, counts messages per RCPT TO and per Message-ID, does not parse), \`SMTP_POOL_SIZE=${SMTP_POOL_SIZE}\`, \`SMTP_MAX_MESSAGES=${SMTP_MAX_MESSAGES}\`, \`NOTIFY_QUIET_HOURS_START=END=00:00\` (no quiet hours), \`WEBHOOK_ALLOW_PRIVATE=true\`.
- Setup (SQL, ${setupSeconds.toFixed(1)} s, not measured): one open in-person class of \`${UNIT_CODE}\` (a copy of a seeded one), ${count(LEARNERS)} new users with addresses, each with an active enrolment; then a session starting in 24 h less a minute, which the real every-minute \`reminders.scan\` takes on its next run. Times run from the scan's transaction (the \`created_at\` of its \`reminder.due\` outbox row); the harness polls \`notifications\` every 100 ms.
- Fault: a second session of the same class, same wait for the scan; when half the emails have reached the sink ${WORKERS === 1 ? 'the worker gets' : 'the first worker gets'} SIGKILL and is started again at once (same queue prefix and database).
- Webhooks: one webhook of \`${UNIT_CODE}\` on \`enrollment.completed\`, made with \`POST /api/v1/webhooks\` by its school admin \`${ADMIN}\`, to an HTTP receiver in the harness answering 200; then ${count(WEBHOOK_EVENTS)} \`enrollment.completed\` events of the class's enrolments published in SQL straight into the outbox, for the subscriber \`webhooks.fan-out-enrollment.completed\` only (no class close: the certificates' and notifications' subscribers of the topic are not part of this measure).

| Measure | Result | Target |
| ------- | -----: | -----: |
| All ${count(LEARNERS)} in-app notifications stored | ${s(clean.notificationsMs)} after the scan | |
| All ${count(LEARNERS)} emails received by the sink | ${s(clean.receivedMs)} (${count(clean.messages)} messages, ${count(clean.recipients)} recipients, ${count(clean.repeated)} got more than one) | |
| All ${count(LEARNERS)} \`email_status = 'sent'\` | ${s(clean.sentMs)} (sent ${count(clean.final.sent)}, pending ${count(clean.final.pending)}) | all three under ${TARGET_SECONDS} s: ${pass(within(clean) && longest(clean) < TARGET_SECONDS * 1000)} |
| … outbox rows of the run by subscriber | ${cleanOutbox || 'none'} | |
| Fault run: worker SIGKILLed at | ${count(killedReceived)} emails received, ${killedAt === null ? 'never' : `${((killedAt - faulty.scanAt) / 1000).toFixed(1)} s after the scan`}; new worker ready ${(restartMs / 1000).toFixed(1)} s later | |
| … all notifications, all received, all \`sent\` | ${s(faulty.notificationsMs)}, ${s(faulty.receivedMs)}, ${s(faulty.sentMs)} after the scan | |
| … notifications per (kind, session, user) above 1 | ${count(faulty.duplicates)} (${count(faulty.final.notifications)} notifications) | 0: ${pass(faulty.duplicates === 0 && faulty.final.notifications === LEARNERS)} |
| … recipients who got more than one email | ${count(faulty.repeated)} (${count(faulty.messages)} messages to ${count(faulty.recipients)} recipients, ${count(faulty.messageIds)} distinct Message-IDs): sent but not yet marked when the kill hit, the at-least-once window; a repeat carries its first sending's Message-ID | |
| … outbox rows of the run by subscriber | ${faultyOutbox || 'none'} | |
| Webhook deliveries received | ${count(times.length)} (${count(receiver.ids.size)} distinct \`webhook-id\`, ${repeatedIds} arrived more than once) | ${count(WEBHOOK_EVENTS)}, each once: ${pass(receiver.ids.size === WEBHOOK_EVENTS && repeatedIds === 0 && times.length === WEBHOOK_EVENTS)} |
| … rate, first to last received | ${rate.toFixed(0)}/s over ${spanS.toFixed(1)} s (first ${firstAfterS.toFixed(1)} s, last ${lastAfterS.toFixed(1)} s after the SQL insert) | |
| … outbox rows by subscriber | ${webhookOutbox || 'none'} | |
`,
    );
  } finally {
    await db.end().catch(() => undefined);
    for (const worker of workers) await stopServer(worker.server);
    await stopServer(api.server);
    await sink.close();
    await receiver.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
