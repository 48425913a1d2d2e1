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
import { AppUnderTest, percentile, startAppUnderTest, timedImport } from './support';

/** The example of docs/domain.md: a district conference of 2,300 party members. */
export const CONFERENCE_LEARNERS = 2300;
/**
 * The district exam stampede (bench/exam-stampede.ts, and the Redis drill under it): a final of 20
 * questions, the starts spread over 60 s, start → first autosave → second autosave → submit.
 */
export const STAMPEDE: { questions: number; spreadMs: number; gapsMs: number[] } = {
  questions: 20,
  spreadMs: 60_000,
  gapsMs: [10_000, 10_000, 5_000],
};
/** Shared between the server under test and the harness that signs learners' tokens. */
export const BENCH_JWT_SECRET = 'lyluan-bench-conference-signing-key-0123456789';
const OUTBOX_WAIT_MS = 180_000;

export interface Conference {
  app: AppUnderTest;
  /** The `PROCESS_ROLE=worker` process, when the conference runs as two (`workerPort`). */
  worker?: AppUnderTest;
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

type ConferenceSpec = Omit<Parameters<typeof startAppUnderTest>[0], 'keepDatabase' | 'instance'>;

/**
 * The conference's `PROCESS_ROLE=worker` process (outbox relay, scheduler, job workers) on its
 * database as it is; `instance` tells a restarted one's log file apart.
 */
export function startConferenceWorker(spec: ConferenceSpec, port: number, instance = 0): Promise<AppUnderTest> {
  return startAppUnderTest({
    ...spec,
    port,
    keepDatabase: true,
    instance,
    env: { JWT_SECRET: BENCH_JWT_SECRET, ...spec.env, PROCESS_ROLE: 'worker' },
  });
}

/**
 * Starts the app on a fresh database with the demo seed and enrols the conference's learners as
 * staff would: the enrolment CSV import creates them as learners of the class's unit, `active`.
 * Its progress events are drained before returning, so a measured run carries only its own work.
 * With `workerPort` the app runs as two processes: role `api` on `port`, role `worker` there.
 */
export async function startConference(spec: ConferenceSpec & { workerPort?: number }): Promise<Conference> {
  const { workerPort, ...appSpec } = spec;
  const app = await startAppUnderTest({
    ...appSpec,
    env: {
      JWT_SECRET: BENCH_JWT_SECRET,
      SEED_DEMO_DATA: 'true',
      ...(workerPort ? { PROCESS_ROLE: 'api' } : {}),
      ...spec.env,
    },
  });
  const worker = workerPort ? await startConferenceWorker(appSpec, workerPort) : undefined;
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
    worker,
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

export type ExamStep = 'start' | 'save' | 'submit';

export interface ExamOutcome {
  step: ExamStep;
  /** From the moment the request was due to the end of its response. */
  latencyMs: number;
  /** How late the harness sent it (event-loop lag). */
  lagMs: number;
  /** When it was due (`performance.now()`). */
  dueAt: number;
  /** 0: no answer (connection refused or dropped). */
  status: number;
  code?: string;
  /** Whether an error answer was `application/problem+json`. */
  problem?: boolean;
}

/** Learner `index` answers this many of `questions` right: `(7i mod (questions + 1))`. */
export const examRightCount = (index: number, questions: number) => (index * 7) % (questions + 1);

async function sendExamStep(
  app: AppUnderTest,
  step: ExamStep,
  due: number,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ outcome: ExamOutcome; json?: Record<string, unknown> }> {
  const lagMs = Math.max(0, performance.now() - due);
  try {
    const response = await app.call(path, {
      method: step === 'save' ? 'PUT' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      token,
    });
    const text = await response.text();
    const json = text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    const outcome: ExamOutcome = {
      step,
      latencyMs: performance.now() - due,
      lagMs,
      dueAt: due,
      status: response.status,
    };
    if (!response.ok) {
      outcome.code = String(json?.code ?? text.slice(0, 80));
      outcome.problem = (response.headers.get('content-type') ?? '').startsWith('application/problem+json');
    }
    return { outcome, json };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return {
      outcome: {
        step,
        latencyMs: performance.now() - due,
        lagMs,
        dueAt: due,
        status: 0,
        code: cause?.code ?? String(error),
      },
    };
  }
}

/** What a learner's sitting did: every request's outcome, and which of its writes were acknowledged. */
export interface Sitting {
  outcomes: ExamOutcome[];
  attemptId?: string;
  /** When its submit was answered. */
  submittedAt?: number;
  /** Answers of the last save answered 2xx (none: `[]`). */
  savedAnswers: { questionId: string; value: unknown }[];
  submitted: boolean;
}

/**
 * One learner's sitting: starts an attempt at `due`, `gapsMs[0]` later saves half its answers,
 * `gapsMs[1]` later all of them (`right` of them right, in the attempt's order), `gapsMs[2]` later
 * submits.
 */
async function sitExam(
  app: AppUnderTest,
  examId: string,
  token: string,
  due: number,
  keys: Map<string, KeyedQuestion>,
  spec: { right: number; gapsMs: number[] },
): Promise<Sitting> {
  const outcomes: ExamOutcome[] = [];
  const started = await sendExamStep(app, 'start', due, `/api/v1/exams/${examId}/attempts`, token);
  outcomes.push(started.outcome);
  const attemptId = started.json?.id as string | undefined;
  const sitting: Sitting = { outcomes, attemptId, savedAnswers: [], submitted: false };
  if (!attemptId || !started.outcome.status.toString().startsWith('2')) return sitting;
  const order = (started.json?.questions as { id: string }[]).map((q) => q.id);
  const answers = order.map((questionId, i) => ({
    questionId,
    value: answerFor(keys.get(questionId)!, i < spec.right),
  }));
  const steps: { step: ExamStep; path: string; body?: { answers: typeof answers } }[] = [
    {
      step: 'save',
      path: `/api/v1/attempts/${attemptId}/answers`,
      body: { answers: answers.slice(0, Math.floor(answers.length / 2)) },
    },
    { step: 'save', path: `/api/v1/attempts/${attemptId}/answers`, body: { answers } },
    { step: 'submit', path: `/api/v1/attempts/${attemptId}/submit` },
  ];
  for (const [i, { step, path, body }] of steps.entries()) {
    const next = performance.now() + spec.gapsMs[i];
    await delay(spec.gapsMs[i]);
    const { outcome } = await sendExamStep(app, step, next, path, token, body);
    outcomes.push(outcome);
    const ok = outcome.status >= 200 && outcome.status < 300;
    if (ok && body) sitting.savedAnswers = body.answers;
    if (step === 'submit') {
      sitting.submittedAt = performance.now();
      sitting.submitted = ok;
    }
  }
  return sitting;
}

/**
 * Every learner of `tokens` sits the exam, the starts open-loop at even intervals over `spreadMs`
 * (each sent at its time, never waiting for another); learner `i` answers `right(i)` right.
 */
export async function examStampede(
  app: AppUnderTest,
  examId: string,
  tokens: string[],
  keys: Map<string, KeyedQuestion>,
  spec: { spreadMs: number; gapsMs: number[]; right: (index: number) => number },
): Promise<Sitting[]> {
  const interval = spec.spreadMs / tokens.length;
  const begin = performance.now() + 100;
  const sittings: Promise<Sitting>[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const due = begin + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await delay(wait);
    sittings.push(sitExam(app, examId, tokens[i], due, keys, { right: spec.right(i), gapsMs: spec.gapsMs }));
  }
  return Promise.all(sittings);
}

/** p50, p95, p99 and max of the outcomes' latencies. */
export function latencyStats(outcomes: { latencyMs: number }[]) {
  const sorted = outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
  };
}

export interface CheckInOutcome {
  latencyMs: number;
  status: number;
  /** How late the harness sent the request after its scheduled time (event-loop lag). */
  lagMs: number;
  code?: string;
  /** When it was sent (`performance.now()`). */
  sentAt: number;
  /** Whether an error answer was `application/problem+json`, and its `Retry-After`. */
  problem?: boolean;
  retryAfter?: string | null;
}

async function checkIn(
  app: AppUnderTest,
  sessionId: string,
  token: string,
  code: string,
  bridgePointId: string,
): Promise<CheckInOutcome> {
  const scheduled = performance.now();
  try {
    const response = await app.call(`/api/v1/sessions/${sessionId}/check-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, bridgePointId }),
      token,
    });
    const body = await response.text();
    const outcome: CheckInOutcome = {
      latencyMs: performance.now() - scheduled,
      status: response.status,
      lagMs: 0,
      sentAt: scheduled,
    };
    if (!response.ok) {
      outcome.code = body.startsWith('{') ? ((JSON.parse(body) as { code?: string }).code ?? body) : body.slice(0, 80);
      outcome.problem = (response.headers.get('content-type') ?? '').startsWith('application/problem+json');
      outcome.retryAfter = response.headers.get('retry-after');
    }
    return outcome;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return {
      latencyMs: performance.now() - scheduled,
      status: 0,
      lagMs: 0,
      sentAt: scheduled,
      code: cause?.code ?? String(error),
    };
  }
}

/** Open loop: request i leaves at start + i × interval whatever happened to the others. */
export async function checkInOpenLoop(
  app: AppUnderTest,
  sessionId: string,
  tokens: string[],
  code: string,
  points: string[],
  spreadMs: number,
): Promise<{ outcomes: CheckInOutcome[]; lastResponseAt: number }> {
  const interval = spreadMs / tokens.length;
  const start = performance.now() + 100;
  let lastResponseAt = 0;
  const pending: Promise<CheckInOutcome>[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await delay(wait);
    const lagMs = Math.max(0, performance.now() - due);
    pending.push(
      checkIn(app, sessionId, tokens[i], code, points[i % points.length]).then((outcome) => {
        lastResponseAt = Math.max(lastResponseAt, Date.now());
        return { ...outcome, lagMs, latencyMs: outcome.latencyMs + lagMs };
      }),
    );
  }
  return { outcomes: await Promise.all(pending), lastResponseAt };
}

/**
 * Opens the conference's session for check-in now (the seeded one is fixed at 07:30–11:30 on the
 * seed day; a harness may move it in its own database) and reads its code as staff would.
 */
export async function openCheckIn(conference: Conference): Promise<{ code: string; points: string[] }> {
  await conference.db.query(
    `UPDATE class_sessions SET starts_at = now() - interval '5 minutes', ends_at = now() + interval '2 hours'
      WHERE id = $1`,
    [conference.sessionId],
  );
  const session = await conference.app.api<{ checkInCode?: string; bridgePoints: { id: string }[] }>(
    `/api/v1/sessions/${conference.sessionId}`,
    { token: conference.staffToken },
  );
  if (!session.checkInCode) throw new Error('staff were not shown a check-in code');
  return { code: session.checkInCode, points: session.bridgePoints.map((p) => p.id) };
}

/** Every learner present at every session of the class and through every lesson of its course. */
async function completeEveryone(db: Client, classId: string): Promise<void> {
  await db.query(
    `INSERT INTO attendance_records (session_id, enrollment_id, status, source)
     SELECT s.id, e.id, 'present', 'instructor' FROM class_sessions s JOIN enrollments e ON e.class_id = s.class_id
      WHERE s.class_id = $1 AND e.status = 'active'
     ON CONFLICT DO NOTHING`,
    [classId],
  );
  await db.query(
    `INSERT INTO lesson_progress (enrollment_id, lesson_id)
     SELECT e.id, l.id FROM enrollments e JOIN classes c ON c.id = e.class_id JOIN lessons l ON l.course_id = c.course_id
      WHERE e.class_id = $1 AND e.status = 'active'
     ON CONFLICT DO NOTHING`,
    [classId],
  );
}

/** Issuing settings of the conference's unit, as its school admin would set them. */
const CERTIFICATE_SETTINGS = {
  signerName: 'Trần Văn Hùng',
  signerTitle: 'PHÓ GIÁM ĐỐC',
  signerAuthority: 'KT. GIÁM ĐỐC',
  place: 'Tuyên Quang',
  headerLines: ['TỈNH ỦY TUYÊN QUANG', 'TRƯỜNG CHÍNH TRỊ'],
};

/**
 * Everything a close needs to issue certificates: the unit's issuing settings set by its school
 * admin, and every learner complete (present, every lesson). Returns the course's lesson count.
 */
export async function readyForCertificates(conference: Conference): Promise<{ lessons: number }> {
  const { app, db, classId, staffToken } = conference;
  const [{ org_unit_id: unitId, lessons }] = (
    await db.query<{ org_unit_id: string; lessons: number }>(
      `SELECT c.org_unit_id, (SELECT count(*)::int FROM lessons l WHERE l.course_id = c.course_id) AS lessons
         FROM classes c WHERE c.id = $1`,
      [classId],
    )
  ).rows;
  await app.api(`/api/v1/org-units/${unitId}/certificate-settings`, {
    method: 'PUT',
    token: staffToken,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(CERTIFICATE_SETTINGS),
  });
  await completeEveryone(db, classId);
  // The settings' own job (pending certificates below the unit: none yet) is done before the close.
  await delay(1000);
  return { lessons };
}

/** A session the next minute scan takes: it starts a minute less than 24 h from now. */
export async function addSessionTomorrow(db: Client, classId: string): Promise<string> {
  const [{ id }] = (
    await db.query<{ id: string }>(
      `INSERT INTO class_sessions (class_id, starts_at, ends_at, location, check_in_secret)
       VALUES ($1, now() + interval '24 hours' - interval '1 minute', now() + interval '27 hours',
               'Hội trường A', md5(random()::text)) RETURNING id`,
      [classId],
    )
  ).rows;
  return id;
}
