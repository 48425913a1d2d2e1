/**
 * `npm run bench` (seventh part): the exam stampede. Writes the `exam-stampede` section of
 * bench/RESULTS.md.
 *
 * The seeded district conference (class HN-CD2026-TQ) gets its 2,300 learners and a final exam of
 * 20 questions. Every learner starts an attempt, the starts spread evenly over 60 s (open loop: each
 * sent at its time, never waiting for another), then autosaves half the answers 10 s later, all of
 * them 10 s after that, and submits 5 s later. Afterwards every attempt must be graded, within 30 s
 * of the last submit, with the score the harness built its answers for.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { toScore10 } from '../src/modules/exams/grading';
import {
  CONFERENCE_LEARNERS as LEARNERS,
  createFinalExam,
  examRightCount,
  examStampede,
  latencyStats,
  learnerTokens,
  STAMPEDE,
  startConference,
  waitForGraded,
} from './conference';
import { BENCH_ROOT, machine, runFacts, stopServer, writeResultsSection } from './support';

const PORT = 3108;
const DATABASE = 'lyluan_bench_exam';
const { questions: QUESTIONS, spreadMs: SPREAD_MS, gapsMs: GAPS_MS } = STAMPEDE;
const TARGET_P99_MS = 300;
const TARGET_GRADED_S = 30;
const GRADING_WAIT_MS = 180_000;

/** Learner `index` answers this many of the 20 questions right. */
const rightCount = (index: number) => examRightCount(index, QUESTIONS);

async function main(): Promise<void> {
  const started = new Date();
  const host = machine();
  const conference = await startConference({ name: 'exam-stampede', port: PORT, database: DATABASE });
  const { app, db } = conference;
  try {
    console.log(`bench: enrolled ${conference.learnerIds.length} learners in ${conference.enrolMs.toFixed(0)} ms`);
    const { examId, questions } = await createFinalExam(conference, {
      questions: QUESTIONS,
      maxAttempts: 1,
      timeLimitMinutes: 45,
    });
    const keys = new Map(questions.map((q) => [q.id, q]));
    const tokens = learnerTokens(conference.learnerIds);
    console.log(`bench: ${LEARNERS} learners start a ${QUESTIONS}-question exam over 60 s, save twice, submit`);

    const results = await examStampede(app, examId, tokens, keys, {
      spreadMs: SPREAD_MS,
      gapsMs: GAPS_MS,
      right: rightCount,
    });
    const lastSubmit = Math.max(...results.map((r) => r.submittedAt ?? 0));
    const outcomes = results.flatMap((r) => r.outcomes);
    const errors = outcomes.filter((o) => o.status < 200 || o.status > 299);
    const errorKinds = [...new Set(errors.map((e) => `${e.step} ${e.status} ${e.code ?? ''}`.trim()))].slice(0, 5);
    const all = latencyStats(outcomes);
    const byStep = (['start', 'save', 'submit'] as const).map((step) => ({
      step,
      ...latencyStats(outcomes.filter((o) => o.step === step)),
    }));
    const maxLag = Math.max(...outcomes.map((o) => o.lagMs));
    console.log(
      `bench: ${all.n} requests, p50 ${all.p50.toFixed(1)} ms, p99 ${all.p99.toFixed(1)}, max ${all.max.toFixed(1)}; ${errors.length} errors ${errorKinds.join('; ')}`,
    );

    const graded = await waitForGraded(db, examId, LEARNERS, GRADING_WAIT_MS);
    const gradedAfterS = (performance.now() - lastSubmit) / 1000;
    const { rows: scores } = await db.query<{ user_id: string; score10: string | null }>(
      `SELECT user_id, score10 FROM exam_attempts WHERE exam_id = $1`,
      [examId],
    );
    const indexOf = new Map(conference.learnerIds.map((id, i) => [id, i]));
    const wrong = scores.filter(
      (s) => Number(s.score10) !== toScore10(rightCount(indexOf.get(s.user_id)!), QUESTIONS),
    ).length;
    const [{ final_scores }] = (
      await db.query<{ final_scores: number }>(
        `SELECT count(*)::int AS final_scores FROM enrollments WHERE class_id = $1 AND final_score IS NOT NULL`,
        [conference.classId],
      )
    ).rows;
    console.log(
      `bench: ${graded}/${LEARNERS} graded ${gradedAfterS.toFixed(2)} s after the last submit; ${wrong} wrong scores`,
    );

    const ms = (v: number) => v.toFixed(1);
    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const count = (n: number) => n.toLocaleString('en-US');
    const allGraded = graded === LEARNERS;
    writeResultsSection(
      join(BENCH_ROOT, 'bench', 'RESULTS.md'),
      'exam-stampede',
      `
## Exam stampede: 2,300 learners start a 20-question exam within a minute

Written by \`bench/exam-stampede.ts\` (\`npm run bench\`); re-running replaces this section.

${runFacts(started, host)}
- Nothing pinned: the server, its workers, PostgreSQL, Redis and the load generator share the ${host.cores} cores.
- App: \`node dist/src/main.js\` (role \`all\`: API, outbox relay and grading workers in one process) on port ${PORT}, fresh database \`${DATABASE}\` with the demo seed, LOG_LEVEL=warn.
- Setup (not measured): the seeded conference \`HN-CD2026-TQ\` with ${count(LEARNERS)} learners enrolled by CSV import (${(conference.enrolMs / 1000).toFixed(2)} s), a \`final\` exam of ${QUESTIONS} objective questions of the CD-2026 bank created by \`qtv.tuyenquang\` (shuffled per attempt, 45 minutes, one attempt); learners' tokens signed by the harness with the server's key.
- Load: each learner \`POST /exams/:id/attempts\`, the starts open-loop at even intervals over ${SPREAD_MS / 1000} s (${(LEARNERS / (SPREAD_MS / 1000)).toFixed(1)}/s); ${GAPS_MS[0] / 1000} s later \`PUT /attempts/:id/answers\` with 10 answers, ${GAPS_MS[1] / 1000} s later with all ${QUESTIONS}, ${GAPS_MS[2] / 1000} s later \`POST /attempts/:id/submit\`: ${count(outcomes.length)} requests, about ${((4 * LEARNERS) / ((SPREAD_MS + GAPS_MS.reduce((a, b) => a + b)) / 1000)).toFixed(0)} req/s averaged over the run and ${((4 * LEARNERS) / (SPREAD_MS / 1000)).toFixed(0)} req/s while starts, saves and submits overlap. Latency runs from each request's due time to the end of its response (the harness sent at most ${ms(maxLag)} ms late). Learner *i* answers ${'`(7i mod 21)`'} questions right; every score is compared with that.

| Measure | Result | Target |
| ------- | -----: | -----: |
| Latency, all requests | p50 ${ms(all.p50)} ms, p95 ${ms(all.p95)} ms, p99 ${ms(all.p99)} ms, max ${ms(all.max)} ms | p99 under ${TARGET_P99_MS} ms: ${pass(all.p99 < TARGET_P99_MS)} |
${byStep.map((s) => `| … \`${s.step}\` (${count(s.n)}) | p50 ${ms(s.p50)} ms, p95 ${ms(s.p95)} ms, p99 ${ms(s.p99)} ms, max ${ms(s.max)} ms | |`).join('\n')}
| Errors (non-2xx or no answer) | ${errors.length}${errorKinds.length ? ` (${errorKinds.join('; ')})` : ''} | 0: ${pass(errors.length === 0)} |
| Attempts graded | ${count(graded)} of ${count(LEARNERS)}, the last ${gradedAfterS.toFixed(2)} s after the last submit was answered | all within ${TARGET_GRADED_S} s: ${pass(allGraded && gradedAfterS <= TARGET_GRADED_S)} |
| Scores differing from the harness's | ${wrong} | 0: ${pass(wrong === 0 && scores.length === LEARNERS)} |
| Enrolments with a final score | ${count(final_scores)} | ${count(LEARNERS)}: ${pass(final_scores === LEARNERS)} |

Starting an attempt is one transaction: the enrolment row locked (so one learner cannot start two
attempts at once), the questions fixed and shuffled, the attempt and its empty answers inserted and
the deadline job written to the outbox. An autosave locks the attempt and updates its answers in
one statement; a submit marks it submitted and writes \`attempt.submitted\`, which the relay packs
into grading jobs of up to 100 attempts.
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
