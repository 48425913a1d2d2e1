/**
 * `npm run bench` (imports part): the same 10,000 people as CSV and as XLSX. Writes the `imports`
 * section of bench/RESULTS.md.
 *
 * 1. Each file through `POST /users/import` on its own fresh app (so one run's heap does not carry
 *    into the other's figures): wall time from upload to `done`, and the app's resident memory
 *    sampled every 20 ms from before the upload to the end (peak, and growth over the start).
 * 2. The shared reader alone (`readImportFile`, what the job does before validating), in this
 *    process: median time of three reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readImportFile } from '../src/modules/imports/import-table';
import { USER_COLUMNS } from '../src/modules/users/user-import.service';
import { csvText, dateCell, xlsxFile, XlsxCell } from '../test/support/import-files';
import {
  AppUnderTest,
  BENCH_ROOT,
  machine,
  median,
  runFacts,
  startAppUnderTest,
  stopServer,
  timedImport,
  writeResultsSection,
} from './support';

const PORTS = { csv: 3310, xlsx: 3311 } as const;
const DATABASE = 'lyluan_imp_bench';
const ROWS = 10_000;
const UNITS = ['CB-MINHXUAN-TDP1', 'CB-MINHXUAN-THCS', 'CB-KINHBAC-DONGXUYEN', 'CB-KINHBAC-TIEUHOC'];
const HEADER = [
  'Tên đăng nhập',
  'Họ và tên',
  'Ngày sinh',
  'Email',
  'Số điện thoại',
  'Tình trạng đảng viên',
  'Ngày vào Đảng',
  'Mã đơn vị',
];

/** The rows as a school's file has them: Vietnamese headers and labels, days as ISO for cells. */
function rows(): { iso: string[]; label: string }[] {
  return Array.from({ length: ROWS }, (_, i) => {
    const probationary = i % 4 === 0;
    return {
      iso: [
        `nhap.tep.${i}`,
        `Nguyễn Thị Tệp ${i}`,
        `19${70 + (i % 30)}-0${(i % 9) + 1}-1${i % 10}`,
        `tep${i}@example.vn`,
        `09${String(i % 100).padStart(2, '0')} 345 678`,
        probationary ? '2026-02-03' : '',
        UNITS[i % UNITS.length],
      ],
      label: probationary ? 'Dự bị' : 'Cảm tình Đảng',
    };
  });
}

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

function csvFile(): Buffer {
  const body = rows().map(({ iso: [u, n, dob, e, p, adm, unit], label }) => [
    u,
    n,
    ddmmyyyy(dob),
    e,
    p,
    label,
    adm ? ddmmyyyy(adm) : '',
    unit,
  ]);
  return Buffer.from(`\ufeff${csvText([HEADER, ...body])}`, 'utf8');
}

function xlsx(): Promise<Buffer> {
  const body = rows().map(({ iso: [u, n, dob, e, p, adm, unit], label }): XlsxCell[] => [
    u,
    n,
    dateCell(dob),
    e,
    p,
    label,
    adm ? dateCell(adm) : null,
    unit,
  ]);
  return xlsxFile([HEADER, ...body], 'Người học');
}

/** Resident memory of a process in bytes, from /proc (Linux). */
function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

interface Measured {
  seconds: number;
  result: Record<string, unknown>;
  startMiB: number;
  peakMiB: number;
}

async function measuredImport(app: AppUnderTest, file: Buffer): Promise<Measured> {
  const pid = app.server.child.pid!;
  const token = await app.login();
  const start = residentBytes(pid);
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), 20);
  try {
    const { seconds, result } = await timedImport(app, '/api/v1/users/import', token, new Blob([file]));
    peak = Math.max(peak, residentBytes(pid));
    return { seconds, result, startMiB: start / 2 ** 20, peakMiB: peak / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

async function onFreshApp(format: keyof typeof PORTS, file: Buffer): Promise<Measured> {
  const app = await startAppUnderTest({
    name: `imports-${format}`,
    port: PORTS[format],
    database: `${DATABASE}_${format}`,
  });
  try {
    return await measuredImport(app, file);
  } finally {
    await stopServer(app.server);
  }
}

async function readerSeconds(file: Buffer): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const table = await readImportFile(file, USER_COLUMNS, { maxUnpackedBytes: 100 * 2 ** 20 });
    times.push((performance.now() - started) / 1000);
    if (table.rows.length !== ROWS || table.rows.some((r) => r.problems.length > 0)) {
      throw new Error('the reader did not read the file cleanly');
    }
  }
  return median(times);
}

async function main(): Promise<void> {
  const started = new Date();
  const host = machine();
  const files = { csv: csvFile(), xlsx: await xlsx() };
  const reader = { csv: await readerSeconds(files.csv), xlsx: await readerSeconds(files.xlsx) };
  console.log(`bench: reader alone: CSV ${reader.csv.toFixed(2)} s, XLSX ${reader.xlsx.toFixed(2)} s`);
  const measured: Partial<Record<keyof typeof PORTS, Measured>> = {};
  for (const format of ['csv', 'xlsx'] as const) {
    console.log(`bench: importing ${ROWS} people as ${format}`);
    measured[format] = await onFreshApp(format, files[format]);
    console.log(`bench: ${format}: ${JSON.stringify(measured[format]).slice(0, 200)}`);
  }
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const line = (format: 'csv' | 'xlsx', label: string) => {
    const m = measured[format]!;
    const done = m.result.created === ROWS && m.result.failed === 0;
    return `| ${label} (${(files[format].length / 2 ** 20).toFixed(2)} MiB) | ${m.seconds.toFixed(2)} s, ${m.result.created} created, ${m.result.failed} refused | ${reader[format].toFixed(2)} s | ${m.peakMiB.toFixed(0)} MiB (+${(m.peakMiB - m.startMiB).toFixed(0)} MiB over ${m.startMiB.toFixed(0)} MiB at upload) | all ${ROWS.toLocaleString('en-US')} created: ${pass(done)} |`;
  };
  writeResultsSection(
    join(BENCH_ROOT, 'bench', 'RESULTS.md'),
    'imports',
    `
## Import files: 10,000 people as XLSX next to the same rows as CSV

Written by \`bench/imports.ts\` (\`npm run bench\`); re-running replaces this section.

${runFacts(started, host)}
- App: \`node dist/src/main.js\` (role \`all\`: API and workers in one process), a fresh one on a fresh database per file, PostgreSQL and Redis on the same machine.
- Files: Vietnamese headers, party status labels and the unit code, as a school's roster has them; the CSV is UTF-8 with a BOM and dd/mm/yyyy days, the XLSX has date cells.

| File | Import (upload to \`done\`, as the system admin) | Reader alone (median of 3) | App memory (peak RSS) | Check |
| ---- | ---: | ---: | ---: | ---: |
${line('csv', 'CSV')}
${line('xlsx', 'XLSX')}

Both go through the one reader of \`src/modules/imports\`; after it the rows are the same and so is the
rest of the job (validation, one multi-row INSERT per table per 1,000 rows). The XLSX is unpacked once
under \`IMPORT_MAX_UNPACKED_BYTES\` and then loaded whole by exceljs, which is where its extra time and
memory go.
`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
