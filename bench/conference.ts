/**
 * The seeded demo conference as the benchmarks of a mass event use it: class HN-CD2026-TQ (one
 * session, 98 bridge points) with 2,300 learners enrolled through the API, and access tokens the
 * harness signs itself with the server's key, so no benchmark spends its minute on password logins.
 */
import { JwtService } from '@nestjs/jwt';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { CONFERENCE_CLASS_CODE } from '../src/seed/demo-conference';
import { DEMO_PASSWORD } from '../src/seed/demo-tree';
import { AppUnderTest, startAppUnderTest, timedImport } from './support';

/** The example of docs/domain.md: a district conference of 2,300 party members. */
export const CONFERENCE_LEARNERS = 2300;
/** Shared between the server under test and the harness that signs learners' tokens. */
export const BENCH_JWT_SECRET = 'lyluan-bench-conference-signing-key-0123456789';
const OUTBOX_WAIT_MS = 180_000;

export interface Conference {
  app: AppUnderTest;
  db: Client;
  classId: string;
  sessionId: string;
  /** `qtv.tuyenquang`, the school admin running the conference. */
  staffToken: string;
  learnerIds: string[];
  /** Wall time of the enrolment import, including the drain of its own progress events. */
  enrolMs: number;
}

function learnersCsv(count: number): Blob {
  const lines = ['username,fullName,dateOfBirth,email,phone,partyStatus,partyAdmissionDate'];
  for (let i = 1; i <= count; i++) {
    lines.push(`hoinghi.${i},Nguyễn Thị Hội Nghị ${i},1990-05-19,,,candidate,`);
  }
  return new Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/csv' });
}

/**
 * Waits until `expected` events of `topic` created since `since` are done (or the wait runs out);
 * `other` lists what is not done yet by status.
 */
export async function waitForOutbox(
  db: Client,
  topic: string,
  since: Date,
  expected: number,
): Promise<{ done: number; other: string }> {
  const deadline = Date.now() + OUTBOX_WAIT_MS;
  for (;;) {
    const { rows } = await db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM outbox_events WHERE topic = $1 AND created_at >= $2 GROUP BY status`,
      [topic, since],
    );
    const done = rows.find((r) => r.status === 'done')?.n ?? 0;
    const other = rows
      .filter((r) => r.status !== 'done')
      .map((r) => `${r.n} ${r.status}`)
      .join(', ');
    if ((done >= expected && !other) || Date.now() > deadline) return { done, other };
    await delay(100);
  }
}

/**
 * Starts the app on a fresh database with the demo seed and enrols the conference's learners as
 * staff would: the enrolment CSV import creates them as learners of the class's unit, `active`.
 * Its progress events are drained before returning, so a measured run carries only its own work.
 */
export async function startConference(spec: {
  name: string;
  port: number;
  database: string;
  env?: NodeJS.ProcessEnv;
}): Promise<Conference> {
  const app = await startAppUnderTest({
    ...spec,
    env: { JWT_SECRET: BENCH_JWT_SECRET, SEED_DEMO_DATA: 'true', ...spec.env },
  });
  const db = new Client({ connectionString: app.databaseUrl });
  await db.connect();
  const [found] = (
    await db.query<{ class_id: string; session_id: string }>(
      `SELECT c.id AS class_id, s.id AS session_id FROM classes c JOIN class_sessions s ON s.class_id = c.id
        WHERE c.code = $1`,
      [CONFERENCE_CLASS_CODE],
    )
  ).rows;
  if (!found) throw new Error(`the seed made no session for class ${CONFERENCE_CLASS_CODE}`);
  const staffToken = await app.login('qtv.tuyenquang', DEMO_PASSWORD);
  const started = performance.now();
  const { result } = await timedImport(
    app,
    `/api/v1/classes/${found.class_id}/enrollments/import`,
    staffToken,
    learnersCsv(CONFERENCE_LEARNERS),
  );
  if (result.status === 'failed') {
    throw new Error(`enrolment import failed: ${JSON.stringify(result.errors).slice(0, 300)}`);
  }
  const { rows } = await db.query<{ user_id: string }>(
    `SELECT user_id FROM enrollments WHERE class_id = $1 AND status = 'active' ORDER BY created_at, id`,
    [found.class_id],
  );
  if (rows.length !== CONFERENCE_LEARNERS) {
    throw new Error(`expected ${CONFERENCE_LEARNERS} active enrolments, found ${rows.length}`);
  }
  const drained = await waitForOutbox(db, 'enrollment.progress_changed', new Date(0), CONFERENCE_LEARNERS);
  if (drained.other) throw new Error(`enrolment events not drained: ${drained.other}`);
  return {
    app,
    db,
    classId: found.class_id,
    sessionId: found.session_id,
    staffToken,
    learnerIds: rows.map((r) => r.user_id),
    enrolMs: performance.now() - started,
  };
}

/** Access tokens for the learners, signed as the server signs them. */
export function learnerTokens(learnerIds: string[]): string[] {
  const jwt = new JwtService({ secret: BENCH_JWT_SECRET, signOptions: { algorithm: 'HS256', expiresIn: 15 * 60 } });
  return learnerIds.map((id) => jwt.sign({ sub: id }));
}

/** An objective question of the conference's bank, with its key: the harness answers from it. */
export interface KeyedQuestion {
  id: string;
  type: 'single_choice' | 'multiple_choice' | 'true_false' | 'short_answer';
  options: { key: string }[] | null;
  correct: string | string[] | null;
  accepted_answers: string[] | null;
}

/** A right or a wrong answer; right short answers are written as a learner might (capitals, spaces). */
export function answerFor(q: KeyedQuestion, right: boolean): string | string[] | null {
  switch (q.type) {
    case 'short_answer':
      return right ? `  ${(q.accepted_answers ?? [''])[0].toUpperCase()} ` : 'không nhớ';
    case 'true_false':
      return right ? q.correct : q.correct === 'true' ? 'false' : 'true';
    case 'single_choice':
      return right ? q.correct : ((q.options ?? []).find((o) => o.key !== q.correct)?.key ?? null);
    case 'multiple_choice':
      return right ? q.correct : (q.options ?? []).filter((o) => !(q.correct ?? []).includes(o.key)).map((o) => o.key);
  }
}

/**
 * The conference's final exam, created through the API by its school admin: `questions` objective
 * questions of the class's course, shuffled per attempt, open for a day, policy `highest`.
 */
export async function createFinalExam(
  conference: Conference,
  spec: { questions: number; maxAttempts: number; timeLimitMinutes: number },
): Promise<{ examId: string; questions: KeyedQuestion[] }> {
  const { rows } = await conference.db.query<KeyedQuestion>(
    `SELECT q.id, q.type, q.options, q.correct, q.accepted_answers FROM questions q
       JOIN classes c ON c.course_id = q.course_id
      WHERE c.id = $1 AND q.type <> 'essay' ORDER BY q.created_at, q.id LIMIT $2`,
    [conference.classId, spec.questions],
  );
  if (rows.length < spec.questions) throw new Error(`the course has only ${rows.length} objective questions`);
  const exam = await conference.app.api<{ id: string }>(`/api/v1/classes/${conference.classId}/exams`, {
    method: 'POST',
    token: conference.staffToken,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Kiểm tra cuối hội nghị',
      kind: 'final',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      timeLimitMinutes: spec.timeLimitMinutes,
      maxAttempts: spec.maxAttempts,
      passMark: 5,
      shuffle: true,
      gradingPolicy: 'highest',
      questionIds: rows.map((q) => q.id),
    }),
  });
  return { examId: exam.id, questions: rows };
}

/** Polls until `expected` attempts of the exam are graded or `timeoutMs` passes; returns how many are. */
export async function waitForGraded(db: Client, examId: string, expected: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM exam_attempts WHERE exam_id = $1 AND status = 'graded'`,
      [examId],
    );
    if (rows[0].n >= expected || Date.now() > deadline) return rows[0].n;
    await delay(50);
  }
}
