/**
 * Drill 2: the worker SIGKILLed during reminders, grading and certificate issuance for a class of
 * 2,300. The conference runs as roles `api` and `worker`. Reminders: a session tomorrow, and the
 * worker SIGKILLed as soon as its scan has stored the first reminders. Grading: the worker is
 * stopped while every learner sits the final and submits, so the grading waits in the outbox; a new
 * worker starts, is SIGKILLed when a quarter of the attempts are graded, and another starts.
 * Certificates: everyone completes, the class closes, the worker is SIGKILLed when a third of the
 * certificates are issued, and another starts. Each time a new worker starts on the same queues;
 * afterwards every reminder is stored once, every attempt graded once, every certificate issued once.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import {
  addSessionTomorrow,
  answerFor,
  createFinalExam,
  KeyedQuestion,
  learnerTokens,
  readyForCertificates,
  startConference,
  startConferenceWorker,
  waitForGraded,
} from '../conference';
import { AppUnderTest, BENCH_TMP, stopServer } from '../support';
import { count, report, runDrill, statuses } from './harness';

const API_PORT = 3205;
const WORKER_PORT = 3206;
const DATABASE = 'lyluan_drills_worker';
const QUESTIONS = 20;
const STORAGE_DIR = join(BENCH_TMP, 'drills-worker-storage');
const WAIT_MS = 300_000;

/** Polls `measure` every 50 ms until `reached` says so (or the wait runs out); returns the value then. */
async function when(measure: () => Promise<number>, reached: (value: number) => boolean): Promise<number> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await measure();
    if (reached(value) || Date.now() > deadline) return value;
    await delay(50);
  }
}

/** Learners sitting at once: a closed loop, the machine's pace rather than a schedule. */
const SITTING_AT_ONCE = 8;

/** Sends until the answer is not a 503 (the API's "try again"), at most 10 times, a second apart. */
async function untilNot503(send: () => Promise<Response>): Promise<Response> {
  for (let i = 1; ; i++) {
    const response = await send();
    if (response.status !== 503 || i === 10) return response;
    await response.arrayBuffer();
    await delay(1000);
  }
}

/** One learner starts, saves every answer right and submits: the answers' statuses, and whether the submit took. */
async function sit(
  app: AppUnderTest,
  examId: string,
  token: string,
  keys: Map<string, KeyedQuestion>,
): Promise<{ statuses: number[]; submitted: boolean }> {
  const json = { 'content-type': 'application/json' };
  const start = await untilNot503(() => app.call(`/api/v1/exams/${examId}/attempts`, { method: 'POST', token }));
  const attempt = (await start.json()) as { id?: string; questions?: { id: string }[] };
  if (!start.ok || !attempt.id) return { statuses: [start.status], submitted: false };
  const answers = attempt.questions!.map((q) => ({ questionId: q.id, value: answerFor(keys.get(q.id)!, true) }));
  const save = await untilNot503(() =>
    app.call(`/api/v1/attempts/${attempt.id}/answers`, {
      method: 'PUT',
      token,
      headers: json,
      body: JSON.stringify({ answers }),
    }),
  );
  await save.arrayBuffer();
  const submit = await untilNot503(() => app.call(`/api/v1/attempts/${attempt.id}/submit`, { method: 'POST', token }));
  await submit.arrayBuffer();
  return { statuses: [start.status, save.status, submit.status], submitted: save.ok && submit.ok };
}

/** Runs `task` for 0 … n-1, `atOnce` at a time. */
async function inTurns<T>(n: number, atOnce: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: atOnce }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

const one = async (db: Client, sql: string, params: unknown[]) =>
  (await db.query<{ n: number }>(sql, params)).rows[0].n;

runDrill('worker', async (started, host) => {
  const spec = {
    name: 'drills-worker',
    port: API_PORT,
    database: DATABASE,
    queuePrefix: 'lyluan-drills-worker',
    env: { STORAGE_DIR },
  };
  const conference = await startConference({ ...spec, workerPort: WORKER_PORT });
  const { app, db, classId, staffToken, learnerIds } = conference;
  let worker: AppUnderTest = conference.worker!;
  let instance = 0;
  const killAndReplace = async () => {
    worker.server.child.kill('SIGKILL');
    await worker.server.exited;
    worker = await startConferenceWorker(spec, WORKER_PORT, ++instance);
  };
  try {
    const learners = learnerIds.length;
    const { examId, questions } = await createFinalExam(conference, {
      questions: QUESTIONS,
      maxAttempts: 1,
      timeLimitMinutes: 45,
    });
    const keys = new Map(questions.map((q) => [q.id, q]));

    // 1. Reminders of a session tomorrow: the worker's minute scan takes it.
    const sessionId = await addSessionTomorrow(db, classId);
    const reminderCount = () =>
      one(db, `SELECT count(*)::int AS n FROM notifications WHERE kind = 'session.reminder' AND link_id = $1`, [
        sessionId,
      ]);
    const remindedAtKill = await when(reminderCount, (n) => n >= 1);
    await killAndReplace();
    console.log(`drill worker: SIGKILL at ${remindedAtKill} reminders; a new worker runs`);
    const reminded = await when(reminderCount, (n) => n >= learners);
    const [{ twice: remindedTwice }] = (
      await db.query<{ twice: number }>(
        `SELECT count(*)::int AS twice FROM (SELECT 1 FROM notifications WHERE kind = 'session.reminder'
            AND link_id = $1 GROUP BY user_id HAVING count(*) > 1) t`,
        [sessionId],
      )
    ).rows;

    // 2. Grading: the submits wait in the outbox while no worker runs.
    await stopServer(worker.server);
    const tokens = learnerTokens(learnerIds);
    const sittings = await inTurns(learners, SITTING_AT_ONCE, (i) => sit(app, examId, tokens[i], keys));
    const submitted = sittings.filter((s) => s.submitted).length;
    const outcomes = sittings.flatMap((s) => s.statuses.map((status) => ({ status })));
    console.log(`drill worker: ${statuses(outcomes)}; ${submitted} submitted, no worker running`);
    const gradedCount = () =>
      one(db, `SELECT count(*)::int AS n FROM exam_attempts WHERE exam_id = $1 AND status = 'graded'`, [examId]);
    worker = await startConferenceWorker(spec, WORKER_PORT, ++instance);
    const gradedAtKill = await when(gradedCount, (n) => n >= submitted / 4);
    await killAndReplace();
    console.log(`drill worker: SIGKILL at ${gradedAtKill} graded; a new worker runs`);
    const gradingFrom = performance.now();
    const graded = await waitForGraded(db, examId, submitted, WAIT_MS);
    const gradingS = (performance.now() - gradingFrom) / 1000;
    const [grading] = (
      await db.query<{ attempts: number; twice: number; scores: number; final_scores: number }>(
        `SELECT (SELECT count(*)::int FROM (SELECT 1 FROM outbox_events WHERE topic = 'attempt.graded'
                    AND payload->>'examId' = $1::text GROUP BY payload->>'attemptId') t) AS attempts,
                (SELECT count(*)::int FROM (SELECT 1 FROM outbox_events WHERE topic = 'attempt.graded'
                    AND payload->>'examId' = $1::text GROUP BY payload->>'attemptId' HAVING count(DISTINCT event_id) > 1) t) AS twice,
                (SELECT count(*)::int FROM exam_attempts WHERE exam_id = $1::uuid AND score10 = 10) AS scores,
                (SELECT count(*)::int FROM enrollments WHERE class_id = $2 AND final_score = 10) AS final_scores`,
        [examId, classId],
      )
    ).rows;

    // 3. Certificates of the closed class.
    await readyForCertificates(conference);
    const closed = await app.api<{ completed: number }>(`/api/v1/classes/${classId}/close`, {
      method: 'POST',
      token: staffToken,
    });
    const validCount = () =>
      one(db, `SELECT count(*)::int AS n FROM certificates WHERE class_id = $1 AND status = 'valid'`, [classId]);
    const issuedAtKill = await when(validCount, (n) => n >= closed.completed / 3);
    await killAndReplace();
    console.log(`drill worker: SIGKILL at ${issuedAtKill} certificates; a new worker runs`);
    const issuingFrom = performance.now();
    await when(
      () =>
        one(db, `SELECT count(*)::int AS n FROM certificates WHERE class_id = $1 AND pdf_key IS NOT NULL`, [classId]),
      (n) => n >= closed.completed,
    );
    const issuingS = (performance.now() - issuingFrom) / 1000;
    const [certs] = (
      await db.query<{ all: number; valid: number; enrolments: number; serials: number; codes: number; pdfs: number }>(
        `SELECT count(*)::int AS all, count(*) FILTER (WHERE status = 'valid')::int AS valid,
                count(DISTINCT enrollment_id)::int AS enrolments, count(DISTINCT serial)::int AS serials,
                count(DISTINCT verification_code)::int AS codes, count(DISTINCT pdf_key)::int AS pdfs
           FROM certificates WHERE class_id = $1`,
        [classId],
      )
    ).rows;
    // The other subscribers of the close's events (notifications, webhooks, statistics) finish too.
    await when(
      async () =>
        one(db, `SELECT count(*)::int AS n FROM outbox_events WHERE status <> 'done' AND available_at <= now()`, []),
      (n) => n === 0,
    );
    const [left] = (
      await db.query<{ left: string | null }>(
        `SELECT string_agg(subscriber || ' ' || status || ' ' || n, ', ') AS left FROM (
           SELECT subscriber, status, count(*) AS n FROM outbox_events
            WHERE status <> 'done' AND available_at <= now() GROUP BY 1, 2) t`,
      )
    ).rows;
    return report({
      id: 'worker',
      title: 'worker SIGKILL during reminders, grading and certificate issuance, a class of 2,300',
      script: 'worker-kill.ts',
      started,
      host,
      setup: [
        `App: \`node dist/src/main.js\` as \`PROCESS_ROLE=api\` on ${API_PORT} and \`PROCESS_ROLE=worker\` on ${WORKER_PORT} (each replacement on the same port, queue prefix and database), fresh database \`${DATABASE}\` on the shared PostgreSQL, shared Redis with queue prefix \`lyluan-drills-worker\`.`,
        `Reminders: a session of the class starting in 24 h less a minute (SQL), taken by the worker's every-minute scan; the worker SIGKILLed as soon as the first reminders were stored, another started. The learners have no email addresses: in-app notifications only.`,
        `Grading: the worker stopped (SIGTERM), then the seeded conference's ${count(learners)} learners start a final of ${QUESTIONS} questions, ${SITTING_AT_ONCE} at a time, each saving all answers right and submitting (a 503 sent again a second later; answers ${statuses(outcomes)}); a worker started, SIGKILLed when ${count(gradedAtKill)} attempts were graded, another started.`,
        `Certificates: the unit's issuing settings, every learner present and through every lesson (SQL), \`POST /classes/:id/close\` (${count(closed.completed)} completed); the worker SIGKILLed when ${count(issuedAtKill)} certificates were valid, another started.`,
      ],
      invariants: [
        {
          name: 'every reminder sent once',
          observed: `${count(reminded)} in-app \`session.reminder\` notifications for ${count(learners)} learners (SIGKILL when the first ${count(remindedAtKill)} were stored), ${remindedTwice} learners with more than one`,
          holds: reminded === learners && remindedTwice === 0,
        },
        {
          name: 'every submitted attempt graded, once',
          observed: `${count(submitted)} of ${count(learners)} learners' submits answered 2xx, SIGKILL at ${count(gradedAtKill)} graded; ${count(graded)} graded (${gradingS.toFixed(1)} s after the kill), ${count(grading.scores)} with the score 10 the harness answered for, ${count(grading.final_scores)} final scores on enrolments; \`attempt.graded\` events for ${count(grading.attempts)} attempts, ${grading.twice} with more than one`,
          holds:
            graded === submitted &&
            gradedAtKill < submitted &&
            grading.attempts === submitted &&
            grading.twice === 0 &&
            grading.scores === submitted,
        },
        {
          name: 'every certificate issued once',
          observed: `${count(closed.completed)} completed at the close, SIGKILL at ${count(issuedAtKill)} valid; ${count(certs.all)} certificates (${count(certs.valid)} valid) for ${count(certs.enrolments)} enrolments, ${count(certs.serials)} distinct serials, ${count(certs.codes)} distinct verification codes, ${count(certs.pdfs)} PDFs (${issuingS.toFixed(1)} s after the kill)`,
          holds:
            issuedAtKill < closed.completed &&
            certs.all === closed.completed &&
            certs.valid === certs.all &&
            certs.enrolments === certs.all &&
            certs.serials === certs.all &&
            certs.codes === certs.all &&
            certs.pdfs === certs.all,
        },
        {
          name: 'nothing left behind in the outbox',
          observed: `due events not done: ${left.left ?? 'none'}`,
          holds: !left.left,
        },
      ],
      note: 'A job killed mid-way rolls back with its transaction; BullMQ hands it to the new worker once its lock expires, and the handler, which locks its outbox events, skips those already done.',
    });
  } finally {
    await db.end().catch(() => undefined);
    await stopServer(worker.server);
    await stopServer(app.server);
  }
});
