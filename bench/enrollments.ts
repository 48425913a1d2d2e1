/**
 * `npm run bench` (third part): enrolment import at scale. Writes the `enrollment-import` section of
 * bench/RESULTS.md.
 *
 * A CSV of 10,000 new people imported into one class without a capacity, through the API, wall time
 * from upload to `done`; then the same file again (every row matched, nothing new).
 */
import { join } from 'node:path';
import {
  BENCH_ROOT,
  machine,
  runFacts,
  startAppUnderTest,
  stopServer,
  timedImport,
  withDatabase,
  writeResultsSection,
} from './support';

const PORT = 3105;
const DATABASE = 'lyluan_bench_enrollments';
const ROWS = 10_000;

function learnersCsv(): Blob {
  const lines = ['username,fullName,dateOfBirth,email,phone,partyStatus,partyAdmissionDate'];
  for (let i = 0; i < ROWS; i++) {
    const probationary = i % 4 === 0;
    lines.push(
      [
        `lop.${i}`,
        `Trần Thị Học ${i}`,
        '1994-08-19',
        `lop${i}@example.vn`,
        '0912 345 678',
        probationary ? 'probationary' : 'candidate',
        probationary ? '2026-02-03' : '',
      ].join(','),
    );
  }
  return new Blob([`\ufeff${lines.join('\r\n')}\r\n`], { type: 'text/csv' });
}

/** What the second run must leave as it was. */
async function footprint(classId: string): Promise<{ enrollments: number; users: number; events: number }> {
  return withDatabase(DATABASE, async (client) => {
    const { rows } = await client.query(
      `SELECT (SELECT count(*)::int FROM enrollments WHERE class_id = $1 AND status = 'active') AS enrollments,
              (SELECT count(*)::int FROM users) AS users,
              (SELECT count(*)::int FROM outbox_events WHERE topic = 'enrollment.progress_changed') AS events`,
      [classId],
    );
    return rows[0];
  });
}

async function main(): Promise<void> {
  const started = new Date();
  const host = machine();
  const app = await startAppUnderTest({ name: 'enrollments', port: PORT, database: DATABASE });
  try {
    const accessToken = await app.login();
    const { courseId, orgUnitId } = await withDatabase(DATABASE, async (client) => {
      const course = await client.query(`SELECT id FROM courses WHERE version = '2022'`);
      const unit = await client.query(`SELECT id FROM org_units WHERE code = 'TCT-TUYENQUANG'`);
      return { courseId: course.rows[0].id as string, orgUnitId: unit.rows[0].id as string };
    });
    const { id: classId } = await app.api<{ id: string }>('/api/v1/classes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        courseId,
        orgUnitId,
        code: 'BENCH-NHAP',
        title: 'Lớp đo hiệu năng nhập danh sách',
        startsOn: '2026-09-01',
        endsOn: '2026-12-31',
        mode: 'in_person',
        enrollmentPolicy: 'closed',
      }),
      token: accessToken,
    });
    const csv = learnersCsv();
    console.log(`bench: importing ${ROWS} learners into one class`);
    const first = await timedImport(app, `/api/v1/classes/${classId}/enrollments/import`, accessToken, csv);
    console.log(`bench: first import ${first.seconds.toFixed(2)} s: ${JSON.stringify(first.result).slice(0, 160)}`);
    const before = await footprint(classId);
    const second = await timedImport(app, `/api/v1/classes/${classId}/enrollments/import`, accessToken, csv);
    const after = await footprint(classId);
    console.log(`bench: second import ${second.seconds.toFixed(2)} s: ${JSON.stringify(second.result).slice(0, 160)}`);

    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const unchanged = JSON.stringify(before) === JSON.stringify(after);
    writeResultsSection(
      join(BENCH_ROOT, 'bench', 'RESULTS.md'),
      'enrollment-import',
      `
## Enrolment import: 10,000 learners into one class

Written by \`bench/enrollments.ts\` (\`npm run bench\`); re-running replaces this section.

${runFacts(started, host)}
- App: \`node dist/src/main.js\` (role \`all\`: API and workers in one process) on a fresh database, PostgreSQL and Redis on the same machine.

| Measure | Result | Target |
| ------- | -----: | -----: |
| Import of ${ROWS.toLocaleString('en-US')} new learners into a class without a capacity (upload to \`done\`, as the system admin) | ${first.seconds.toFixed(2)} s, ${first.result.created} enrolled (people created with them), ${first.result.failed} refused | under 20 s: ${pass(first.seconds < 20 && first.result.created === ROWS)} |
| Same file again (every row matched) | ${second.seconds.toFixed(2)} s, ${second.result.succeeded} matched, ${second.result.created} created; enrolments, people and progress events unchanged: ${unchanged ? 'yes' : 'no'} | nothing new: ${pass(second.result.created === 0 && second.result.succeeded === ROWS && unchanged)} |

Per batch of 1,000 rows, one transaction holds the class row lock (as every seat change does), matches
usernames with one query, creates the new people (users, learner roles, activation codes) and their
enrolments with one multi-row INSERT per table, and writes their \`enrollment.progress_changed\` events
with one more; the recomputation those events ask for runs afterwards in the \`system\` queue.
`,
    );
  } finally {
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
