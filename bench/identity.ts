/**
 * `npm run bench` (second part): identity at scale. Writes the `identity` section of bench/RESULTS.md.
 *
 * 1. CSV import of 10,000 people through the API, wall time from upload to `done`, then the same
 *    file again (every row matched, nothing new).
 * 2. The subtree permission check (`AccessService.coversUnit`, the query behind every 404-or-not
 *    decision) on a tree of about 10,000 units, in the real service against PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../src/config/environment';
import { dataSourceOptions } from '../src/database/data-source-options';
import type { Principal } from '../src/modules/auth/auth.decorators';
import { AccessRepository } from '../src/modules/access/access.repository';
import { AccessService } from '../src/modules/access/access.service';
import { pathLabel } from '../src/modules/org-units/entities/org-unit.entity';
import {
  BENCH_ROOT,
  machine,
  percentile,
  runFacts,
  startAppUnderTest,
  stopServer,
  timedImport,
  writeResultsSection,
} from './support';

const PORT = 3103;
const ROWS = 10_000;
const CHECKS = 20_000;

function peopleCsv(): Blob {
  const cells = ['CB-MINHXUAN-TDP1', 'CB-MINHXUAN-THCS', 'CB-KINHBAC-DONGXUYEN', 'CB-KINHBAC-TIEUHOC'];
  const lines = ['username,fullName,dateOfBirth,email,phone,partyStatus,partyAdmissionDate,orgUnitCode'];
  for (let i = 0; i < ROWS; i++) {
    const probationary = i % 4 === 0;
    lines.push(
      [
        `bench.${i}`,
        `Nguyễn Văn Thử ${i}`,
        '1992-06-15',
        `bench${i}@example.vn`,
        '0987 654 321',
        probationary ? 'probationary' : 'candidate',
        probationary ? '2026-02-03' : '',
        cells[i % cells.length],
      ].join(','),
    );
  }
  return new Blob([`\ufeff${lines.join('\r\n')}\r\n`], { type: 'text/csv' });
}

/** About 10,000 units: 10 regions × 10 provinces × 10 centres × 9 cells under the seeded academy. */
async function growTree(dataSource: DataSource): Promise<{ units: number; cells: string[]; provinces: string[] }> {
  const [academy] = await dataSource.query(`SELECT id, path FROM org_units WHERE code = 'HVCTQG'`);
  const rows: { id: string; code: string; type: string; parent: string; path: string }[] = [];
  const add = (type: string, code: string, parent: { id: string; path: string }) => {
    const id = randomUUID();
    const row = { id, code, type, parent: parent.id, path: `${parent.path}.${pathLabel(id)}` };
    rows.push(row);
    return row;
  };
  for (let r = 0; r < 10; r++) {
    const region = add('regional_academy', `B-R${r}`, academy);
    for (let p = 0; p < 10; p++) {
      const province = add('provincial_school', `B-R${r}-P${p}`, region);
      for (let c = 0; c < 10; c++) {
        const centre = add('commune_center', `B-R${r}-P${p}-C${c}`, province);
        for (let k = 0; k < 9; k++) add('party_cell', `B-R${r}-P${p}-C${c}-K${k}`, centre);
      }
    }
  }
  await dataSource.query(
    `INSERT INTO org_units (id, code, name, search_text, type, parent_id, path, rollup_path)
     SELECT id, code, code, lower(code), type, parent, path::ltree, path::ltree
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[]) AS t(id, code, type, parent, path)`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.code),
      rows.map((r) => r.type),
      rows.map((r) => r.parent),
      rows.map((r) => r.path),
    ],
  );
  await dataSource.query('ANALYZE org_units');
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM org_units`);
  return {
    units: count,
    cells: rows.filter((r) => r.type === 'party_cell').map((r) => r.id),
    provinces: rows.filter((r) => r.type === 'provincial_school').map((r) => r.id),
  };
}

async function measureChecks(dataSource: DataSource, tree: { cells: string[]; provinces: string[] }) {
  const access = new AccessService(new AccessRepository(dataSource));
  const times: number[] = [];
  let inside = 0;
  for (let i = 0; i < CHECKS; i++) {
    // A school admin of one province asks about a random cell: inside about 1 time in 100.
    const principal: Principal = {
      userId: 'bench',
      username: 'bench',
      roles: [{ role: 'school_admin', orgUnitId: tree.provinces[i % tree.provinces.length] }],
    };
    const cell = tree.cells[(i * 7919) % tree.cells.length];
    const started = performance.now();
    if (await access.coversUnit(principal, 'users.read', cell)) inside++;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1], inside };
}

async function main(): Promise<void> {
  const started = new Date();
  const host = machine();
  const app = await startAppUnderTest({ name: 'identity', port: PORT, database: 'lyluan_bench_identity' });
  try {
    const accessToken = await app.login();
    console.log(`bench: importing ${ROWS} people`);
    const first = await timedImport(app, '/api/v1/users/import', accessToken, peopleCsv());
    console.log(`bench: first import ${first.seconds.toFixed(2)} s: ${JSON.stringify(first.result).slice(0, 160)}`);
    const second = await timedImport(app, '/api/v1/users/import', accessToken, peopleCsv());
    console.log(`bench: second import ${second.seconds.toFixed(2)} s`);

    const dataSource = new DataSource({
      ...dataSourceOptions(loadEnvironment({ DATABASE_URL: app.databaseUrl })),
      extra: { max: 2 },
    });
    await dataSource.initialize();
    const tree = await growTree(dataSource);
    console.log(`bench: tree of ${tree.units} units; ${CHECKS} permission checks`);
    const checks = await measureChecks(dataSource, tree);
    await dataSource.destroy();
    console.log(`bench: permission check p50 ${checks.p50.toFixed(3)} ms, p99 ${checks.p99.toFixed(3)} ms`);

    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    writeResultsSection(
      join(BENCH_ROOT, 'bench', 'RESULTS.md'),
      'identity',
      `
## Identity at scale: CSV import of people, subtree permission check

Written by \`bench/identity.ts\` (\`npm run bench\`); re-running replaces this section.

${runFacts(started, host)}
- App: \`node dist/src/main.js\` (role \`all\`: API and workers in one process) on a fresh database, PostgreSQL and Redis on the same machine.

| Measure | Result | Target |
| ------- | -----: | -----: |
| Import of ${ROWS.toLocaleString('en-US')} people (upload to \`done\`, as the system admin) | ${first.seconds.toFixed(2)} s, ${first.result.created} created, ${first.result.failed} refused | under 20 s: ${pass(first.seconds < 20 && first.result.created === ROWS)} |
| Same file again (every row matched) | ${second.seconds.toFixed(2)} s, ${second.result.created} created | nothing new: ${pass(second.result.created === 0)} |
| Subtree permission check, tree of ${tree.units.toLocaleString('en-US')} units, ${CHECKS.toLocaleString('en-US')} checks | p50 ${checks.p50.toFixed(3)} ms, p99 ${checks.p99.toFixed(3)} ms, max ${checks.max.toFixed(2)} ms | under 1 ms: ${pass(checks.p99 < 1)} |

The import validates each row with the same rules as \`POST /users\`, checks every unit code against the
importer's scope, and writes people, learner roles and activation codes with one multi-row INSERT per
table per 1,000 rows (no password hashing: imported people activate later). The permission check is
\`AccessService.coversUnit\`: one indexed query asking whether the object's unit lies under (ltree \`<@\`)
the unit of a role that grants the permission.
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
