/**
 * `npm run bench` (sixth part): grading throughput of one worker process. Writes the `grading`
 * section of bench/RESULTS.md.
 *
 * The seeded conference's 2,300 learners each have ten submitted attempts at the class's final exam
 * (20 objective questions of the CD-2026 bank), written straight into the database with their
 * `attempt.submitted` outbox events, as a backlog the API would have left behind. Then one process
 * with `PROCESS_ROLE=worker` starts on that database: its outbox relay hands the events to BullMQ and
 * its workers grade them, including the final-exam result of every enrolment. Every score is
 * checked against the one the harness built the answers for.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { toScore10 } from '../src/modules/exams/grading';
import { answerFor, createFinalExam, KeyedQuestion, startConference, waitForGraded } from './conference';
import { BENCH_ROOT, machine, runFacts, startAppUnderTest, stopServer, writeResultsSection } from './support';

const PORT = 3107;
const DATABASE = 'lyluan_bench_grading';
const ATTEMPTS_PER_LEARNER = 10;
const QUESTIONS = 20;
const TARGET_PER_SECOND = 1000;
const GRADING_WAIT_MS = 300_000;

/** Attempt `number` of the learner at `index` answers its first `right` questions right. */
const rightCount = (index: number, number: number) => (index * 7 + number * 3) % (QUESTIONS + 1);

/**
 * The backlog: attempts, their answers and their pending events, one learner batch per statement
 * group. Returns each attempt's expected score10.
 */
async function writeBacklog(
  db: Client,
  examId: string,
  questions: KeyedQuestion[],
  enrolments: { id: string; user_id: string }[],
): Promise<Map<string, number>> {
  const expected = new Map<string, number>();
  const questionsJson = JSON.stringify(
    questions.map((q) => ({ questionId: q.id, optionKeys: q.options?.map((o) => o.key) ?? null })),
  );
  await db.query('BEGIN');
  for (let number = 1; number <= ATTEMPTS_PER_LEARNER; number++) {
    const ids = enrolments.map(() => randomUUID());
    await db.query(
      `INSERT INTO exam_attempts (id, exam_id, enrollment_id, user_id, number, status, questions, started_at,
                                  deadline, submitted_at, submitted_by, max_score)
       SELECT t.id, $1, t.enrollment_id, t.user_id, $2, 'submitted', $3::jsonb, now() - interval '20 minutes',
              now() + interval '10 minutes', now(), 'learner', $4
         FROM unnest($5::uuid[], $6::uuid[], $7::uuid[]) AS t(id, enrollment_id, user_id)`,
      [examId, number, questionsJson, QUESTIONS, ids, enrolments.map((e) => e.id), enrolments.map((e) => e.user_id)],
    );
    const answerAttempt: string[] = [];
    const answerQuestion: string[] = [];
    const answerValue: string[] = [];
    enrolments.forEach((_, index) => {
      const right = rightCount(index, number);
      expected.set(ids[index], toScore10(right, QUESTIONS));
      questions.forEach((q, i) => {
        answerAttempt.push(ids[index]);
        answerQuestion.push(q.id);
        answerValue.push(JSON.stringify(answerFor(q, i < right)));
      });
    });
    await db.query(
      `INSERT INTO attempt_answers (attempt_id, question_id, value, saved_at)
       SELECT a, q, v, now() FROM unnest($1::uuid[], $2::uuid[], $3::jsonb[]) AS t(a, q, v)`,
      [answerAttempt, answerQuestion, answerValue],
    );
    await db.query(
      `INSERT INTO outbox_events (event_id, topic, subscriber, payload, dedupe_key)
       SELECT gen_random_uuid(), 'attempt.submitted', 'exams.grade-submitted', jsonb_build_object('attemptId', a),
              'attempt.submitted:' || a
         FROM unnest($1::uuid[]) AS a`,
      [ids],
    );
  }
  await db.query('COMMIT');
  return expected;
}

async function main(): Promise<void> {
  const started = new Date();
  const host = machine();
  const conference = await startConference({ name: 'grading', port: PORT, database: DATABASE });
  const { db } = conference;
  let worker: Awaited<ReturnType<typeof startAppUnderTest>> | undefined;
  try {
    const { examId, questions } = await createFinalExam(conference, {
      questions: QUESTIONS,
      maxAttempts: ATTEMPTS_PER_LEARNER,
      timeLimitMinutes: 30,
    });
    await stopServer(conference.app.server);
    const { rows: enrolments } = await db.query<{ id: string; user_id: string }>(
      `SELECT id, user_id FROM enrollments WHERE class_id = $1 AND status = 'active' ORDER BY created_at, id`,
      [conference.classId],
    );
    const backlogStarted = performance.now();
    const expected = await writeBacklog(db, examId, questions, enrolments);
    const backlogSeconds = (performance.now() - backlogStarted) / 1000;
    const total = expected.size;
    console.log(`bench: ${total} submitted attempts written in ${backlogSeconds.toFixed(1)} s; starting one worker`);

    const spawned = performance.now();
    worker = await startAppUnderTest({
      name: 'grading',
      port: PORT,
      database: DATABASE,
      keepDatabase: true,
      env: { PROCESS_ROLE: 'worker', SEED_DEMO_DATA: 'true' },
    });
    const readyAt = performance.now();
    const graded = await waitForGraded(db, examId, total, GRADING_WAIT_MS);
    const allGradedAt = performance.now();
    const [span] = (
      await db.query<{ seconds: number }>(
        `SELECT extract(epoch FROM max(graded_at) - min(graded_at))::float AS seconds FROM exam_attempts
          WHERE exam_id = $1`,
        [examId],
      )
    ).rows;
    const { rows: scores } = await db.query<{ id: string; score10: string | null }>(
      `SELECT id, score10 FROM exam_attempts WHERE exam_id = $1`,
      [examId],
    );
    const wrong = scores.filter((s) => s.score10 === null || Number(s.score10) !== expected.get(s.id)).length;
    const [final] = (
      await db.query<{ right: number; outcome: string }>(
        `SELECT count(*) FILTER (WHERE e.final_score = m.best)::int AS right,
                (SELECT string_agg(DISTINCT status, ', ') FROM outbox_events
                  WHERE topic = 'attempt.submitted' AND status <> 'done') AS outcome
           FROM enrollments e
           JOIN (SELECT enrollment_id, max(score10) AS best FROM exam_attempts WHERE exam_id = $1 GROUP BY 1) m
             ON m.enrollment_id = e.id`,
        [examId],
      )
    ).rows;
    const perSecond = total / span.seconds;
    const wallSeconds = (allGradedAt - spawned) / 1000;
    console.log(
      `bench: ${graded}/${total} graded; first to last ${span.seconds.toFixed(2)} s = ${perSecond.toFixed(0)} attempts/s; ` +
        `${wallSeconds.toFixed(1)} s from spawn (ready after ${((readyAt - spawned) / 1000).toFixed(1)} s); ` +
        `${wrong} wrong scores; final scores right for ${final.right}`,
    );

    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const count = (n: number) => n.toLocaleString('en-US');
    writeResultsSection(
      join(BENCH_ROOT, 'bench', 'RESULTS.md'),
      'grading',
      `
## Grading throughput of one worker process

Written by \`bench/grading.ts\` (\`npm run bench\`); re-running replaces this section.

${runFacts(started, host)}
- Nothing pinned: the worker, PostgreSQL and Redis share the ${host.cores} cores.
- Setup (not measured): the demo conference \`HN-CD2026-TQ\` with ${count(enrolments.length)} learners enrolled by CSV import; a \`final\` exam of ${QUESTIONS} objective questions (single, multiple choice, true/false, short answer) created through the API, \`maxAttempts\` ${ATTEMPTS_PER_LEARNER}, policy \`highest\`; the API process stopped; then ${count(total)} submitted attempts (${ATTEMPTS_PER_LEARNER} per learner, ${count(total * QUESTIONS)} answers, from 0 to ${QUESTIONS} right) and their pending \`attempt.submitted\` outbox events written by SQL in ${backlogSeconds.toFixed(1)} s.
- Measured: one \`node dist/src/main.js\` with \`PROCESS_ROLE=worker\` (outbox relay and BullMQ workers, \`WORKER_CONCURRENCY\` default) started on that database. Throughput is attempts divided by the time between the first and the last \`graded_at\`; the work includes each enrolment's final score by policy and the \`attempt.graded\` events that publishes.

| Measure | Result | Target |
| ------- | -----: | -----: |
| Attempts graded | ${count(graded)} of ${count(total)} | all: ${pass(graded === total)} |
| Throughput, first to last grade | ${count(Math.round(perSecond))} attempts/s (${span.seconds.toFixed(2)} s) | ≥ ${count(TARGET_PER_SECOND)}: ${pass(perSecond >= TARGET_PER_SECOND)} |
| Wall time from spawning the worker to the last grade | ${wallSeconds.toFixed(1)} s (ready after ${((readyAt - spawned) / 1000).toFixed(1)} s) | |
| Scores differing from the harness's | ${wrong} | 0: ${pass(wrong === 0)} |
| Enrolments whose final score is their best attempt | ${count(final.right)} of ${count(enrolments.length)} | all: ${pass(final.right === enrolments.length)} |
| \`attempt.submitted\` events not \`done\` | ${final.outcome ?? 'none'} | none: ${pass(!final.outcome)} |
`,
    );
  } finally {
    await db.end().catch(() => undefined);
    await stopServer(conference.app.server);
    if (worker) await stopServer(worker.server);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
