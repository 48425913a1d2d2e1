/**
 * `npm run bench` (eighth part): certificates of a mass conference. Writes the `certificates`
 * section of bench/RESULTS.md.
 *
 * The seeded conference (class HN-CD2026-TQ, no final exam required) gets its 2,300 learners, each
 * present at its session and through every lesson, and its unit's issuing settings. Then the class
 * closes: measured are the close request itself, the time until all 2,300 certificates are `valid`
 * and until all their PDFs are stored. Then the class's `certificates.zip` (first byte, total, size,
 * entries, the server's RSS while it streams) and `GET /verify/:code` under autocannon, for known
 * and for unknown well-formed codes.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Client } from 'pg';
import yauzl from 'yauzl';
import { CONFERENCE_LEARNERS as LEARNERS, readyForCertificates, startConference } from './conference';
import {
  BENCH_ROOT,
  BENCH_TMP,
  machine,
  packageVersion,
  pinToCpu,
  processCpuTicks,
  runFacts,
  stopServer,
  writeResultsSection,
} from './support';

const PORT = 3109;
const DATABASE = 'lyluan_bench_certificates';
const STORAGE_DIR = join(BENCH_TMP, 'certificates-storage');
const ZIP_FILE = join(BENCH_TMP, 'certificates.zip');
const TARGET_SECONDS = 60;
const ISSUE_WAIT_MS = 300_000;
/** The highest the server accepts; each measured run has a clock minute (the limit's window) to itself. */
const VERIFY_LIMIT = 100_000;
const LOAD = { connections: 20, pipelining: 1, duration: 10, timeout: 10 } as const;
const WARMUP_SECONDS = 3;
const SUBSCRIBERS = ['certificates.issue-on-completion', 'certificates.render-pdf'] as const;

/** Polls the class's certificates until all are valid and all have a PDF: milliseconds after `from` for each. */
async function waitForCertificates(
  db: Client,
  classId: string,
  from: number,
): Promise<{ validMs: number | null; pdfMs: number | null; valid: number; pdf: number }> {
  const deadline = Date.now() + ISSUE_WAIT_MS;
  let validMs: number | null = null;
  for (;;) {
    const [row] = (
      await db.query<{ valid: number; pdf: number }>(
        `SELECT count(*) FILTER (WHERE status = 'valid')::int AS valid,
                count(*) FILTER (WHERE status = 'valid' AND pdf_key IS NOT NULL)::int AS pdf
           FROM certificates WHERE class_id = $1`,
        [classId],
      )
    ).rows;
    const now = performance.now() - from;
    if (validMs === null && row.valid >= LEARNERS) validMs = now;
    if (row.pdf >= LEARNERS) return { validMs, pdfMs: now, ...row };
    if (Date.now() > deadline) return { validMs, pdfMs: null, ...row };
    await delay(100);
  }
}

interface SubscriberSpan {
  subscriber: string;
  rows: number;
  jobs: number;
  /** Seconds after the close request started. */
  firstCreated: number;
  lastProcessed: number;
  /** Seconds between the first and the last row processed. */
  processingSpan: number;
}

async function subscriberSpans(db: Client, closeStarted: Date): Promise<SubscriberSpan[]> {
  const { rows } = await db.query<SubscriberSpan>(
    `SELECT subscriber, count(*)::int AS rows, count(DISTINCT job_id)::int AS jobs,
            extract(epoch FROM min(created_at) - $2)::float AS "firstCreated",
            extract(epoch FROM max(processed_at) - $2)::float AS "lastProcessed",
            extract(epoch FROM max(processed_at) - min(processed_at))::float AS "processingSpan"
       FROM outbox_events WHERE subscriber = ANY($1) GROUP BY subscriber ORDER BY subscriber`,
    [SUBSCRIBERS, closeStarted],
  );
  return rows;
}

/**
 * The process's resident set from /proc (0 where there is none). Not `ps`: a synchronous child
 * process every 50 ms stalls the harness's reads, and the download with them, twentyfold.
 */
async function rssKiB(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU ticks (USER_HZ) so far: the process's user + system, and the machine's busy and I/O-wait. */
async function cpuTicks(pid: number): Promise<{ server: number; busy: number; iowait: number; all: number }> {
  try {
    const server = await processCpuTicks(pid);
    const [, ...cpu] = (await readFile('/proc/stat', 'utf8')).split('\n')[0].trim().split(/\s+/).map(Number);
    const all = cpu.reduce((a, b) => a + b, 0);
    return { server, busy: all - cpu[3] - cpu[4], iowait: cpu[4], all };
  } catch {
    return { server: 0, busy: 0, iowait: 0, all: 0 };
  }
}

/** Downloads the ZIP to a file, sampling the server's RSS meanwhile. */
async function downloadZip(
  base: string,
  classId: string,
  token: string,
  pid: number,
): Promise<{
  status: number;
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  rssBeforeKiB: number;
  rssPeakKiB: number;
  /** Shares of the download's wall time: the server on CPU, the machine busy, waiting on I/O. */
  serverCpu: number;
  machineBusy: number;
  machineIowait: number;
}> {
  const rssBeforeKiB = await rssKiB(pid);
  let rssPeakKiB = rssBeforeKiB;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      rssPeakKiB = Math.max(rssPeakKiB, await rssKiB(pid));
      await delay(50);
    }
  })();
  const ticksBefore = await cpuTicks(pid);
  const started = performance.now();
  let firstByteMs = 0;
  try {
    const response = await fetch(`${base}/api/v1/classes/${classId}/certificates.zip`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok || !response.body)
      throw new Error(`certificates.zip: ${response.status} ${await response.text()}`);
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    body.once('data', () => (firstByteMs = performance.now() - started));
    await pipeline(body, createWriteStream(ZIP_FILE));
    const totalMs = performance.now() - started;
    const ticks = await cpuTicks(pid);
    const machineTicks = Math.max(ticks.all - ticksBefore.all, 1);
    return {
      status: response.status,
      firstByteMs,
      totalMs,
      bytes: statSync(ZIP_FILE).size,
      rssBeforeKiB,
      rssPeakKiB,
      serverCpu: (ticks.server - ticksBefore.server) / 100 / (totalMs / 1000),
      machineBusy: (ticks.busy - ticksBefore.busy) / machineTicks,
      machineIowait: (ticks.iowait - ticksBefore.iowait) / machineTicks,
    };
  } finally {
    sampling = false;
    await sampler;
  }
}

/** Entries of the ZIP read through its central directory, and how many are PDFs (`%PDF-` first). */
function zipEntries(file: string): Promise<{ entries: number; pdfs: number; names: number }> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      let entries = 0;
      let pdfs = 0;
      const names = new Set<string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        entries++;
        names.add(entry.fileName);
        zip.openReadStream(entry, { start: 0, end: 5 }, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            if (Buffer.concat(chunks).toString('latin1') === '%PDF-') pdfs++;
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve({ entries, pdfs, names: names.size }));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** autocannon on `/verify/<code>`, cycling through `codes`, each response's status counted. */
/** Sleeps until `second` (0–59) of a clock minute: the rate limit counts per address and clock minute. */
async function untilSecondOfMinute(second: number): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  const target = second * 1000 + 100;
  await delay(target > intoMinute ? target - intoMinute : 60_000 - intoMinute + target);
}

async function verifyLoad(
  base: string,
  codes: string[],
  expected: number,
  duration: number = LOAD.duration,
): Promise<autocannon.Result & { wrong: number }> {
  let next = 0;
  let wrong = 0;
  const result = await autocannon({
    ...LOAD,
    duration,
    url: base,
    headers: { accept: 'text/html' },
    requests: [
      {
        setupRequest: (request) => ({ ...request, path: `/verify/${codes[next++ % codes.length]}` }),
        onResponse: (status) => {
          if (status !== expected) wrong++;
        },
      },
    ],
  });
  return { ...result, wrong };
}

async function main(): Promise<void> {
  const started = new Date();
  const host = machine();
  rmSync(STORAGE_DIR, { recursive: true, force: true });
  const conference = await startConference({
    name: 'certificates',
    port: PORT,
    database: DATABASE,
    env: { STORAGE_DIR, VERIFY_RATE_LIMIT_PER_MINUTE: String(VERIFY_LIMIT) },
  });
  const { app, db, classId, staffToken } = conference;
  const base = `http://127.0.0.1:${PORT}`;
  try {
    const { lessons } = await readyForCertificates(conference);
    console.log(`bench: ${LEARNERS} learners complete (${lessons} lessons each, present); closing the class`);

    const closeStarted = new Date();
    const closeFrom = performance.now();
    const closed = await app.api<{ completed: number; failed: number; rejected: number }>(
      `/api/v1/classes/${classId}/close`,
      { method: 'POST', token: staffToken },
    );
    const closeMs = performance.now() - closeFrom;
    console.log(`bench: close answered in ${closeMs.toFixed(0)} ms: ${JSON.stringify(closed)}`);
    const issued = await waitForCertificates(db, classId, closeFrom);
    const spans = await subscriberSpans(db, closeStarted);
    const [{ notDone }] = (
      await db.query<{ notDone: string | null }>(
        `SELECT string_agg(subscriber || ' ' || status || ' ' || n, ', ') AS "notDone" FROM (
           SELECT subscriber, status, count(*) AS n FROM outbox_events
            WHERE subscriber = ANY($1) AND status <> 'done' GROUP BY 1, 2) t`,
        [SUBSCRIBERS],
      )
    ).rows;
    const [serials] = (
      await db.query<{ distinct_serials: number; distinct_codes: number; pdf_files: number }>(
        `SELECT count(DISTINCT serial)::int AS distinct_serials, count(DISTINCT verification_code)::int AS distinct_codes,
                count(DISTINCT pdf_key)::int AS pdf_files
           FROM certificates WHERE class_id = $1 AND status = 'valid'`,
        [classId],
      )
    ).rows;
    const s = (ms: number | null) => (ms === null ? 'not reached' : `${(ms / 1000).toFixed(1)} s`);
    console.log(
      `bench: all valid after ${s(issued.validMs)}, all PDFs after ${s(issued.pdfMs)} (${issued.valid} valid, ${issued.pdf} with PDF)`,
    );
    for (const span of spans) console.log(`bench: ${JSON.stringify(span)}`);

    const zip = await downloadZip(base, classId, staffToken, app.server.child.pid!);
    const entries = await zipEntries(ZIP_FILE);
    const again = await downloadZip(base, classId, staffToken, app.server.child.pid!);
    console.log(`bench: zip ${JSON.stringify(zip)} ${JSON.stringify(entries)}; again ${JSON.stringify(again)}`);

    const { rows: known } = await db.query<{ code: string }>(
      `SELECT verification_code AS code FROM certificates WHERE class_id = $1 AND status = 'valid'`,
      [classId],
    );
    const knownCodes = known.map((r) => r.code);
    const unknownCodes = knownCodes.map(() => randomBytes(18).toString('base64url'));
    // Server on CPU 1, autocannon (this process) on CPU 0; PostgreSQL and Redis float.
    const pinned = pinToCpu(process.pid, 0) && pinToCpu(app.server.child.pid!, 1);
    await untilSecondOfMinute(60 - WARMUP_SECONDS - 1);
    await verifyLoad(base, knownCodes, 200, WARMUP_SECONDS);
    await untilSecondOfMinute(0);
    const knownRun = await verifyLoad(base, knownCodes, 200);
    await untilSecondOfMinute(0);
    const unknownRun = await verifyLoad(base, unknownCodes, 404);
    for (const [name, run] of [
      ['known', knownRun],
      ['unknown', unknownRun],
    ] as const) {
      console.log(
        `bench: verify ${name}: ${run.requests.mean.toFixed(0)} req/s, p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms, ${run.wrong} unexpected statuses, ${run.errors} errors`,
      );
    }

    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const count = (n: number) => n.toLocaleString('en-US');
    const together = issued.validMs !== null && issued.pdfMs !== null ? issued.pdfMs : null;
    const spanOf = (name: string) => spans.find((x) => x.subscriber === name);
    const issueSpan = spanOf('certificates.issue-on-completion');
    const renderSpan = spanOf('certificates.render-pdf');
    const spanRow = (label: string, x: SubscriberSpan | undefined) =>
      x
        ? `| ${label} | ${count(x.rows)} rows in ${count(x.jobs)} jobs; first row written ${x.firstCreated.toFixed(1)} s after the close began, the last done at ${x.lastProcessed.toFixed(1)} s; ${x.processingSpan.toFixed(1)} s from first to last done (${(x.rows / Math.max(x.processingSpan, 0.001)).toFixed(0)}/s) | |`
        : `| ${label} | no rows | |`;
    const verifyRow = (label: string, run: typeof knownRun, status: number) =>
      `| ${label} | ${count(Math.round(run.requests.mean))} req/s; latency p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms, max ${run.latency.max} ms; ${count(run.requests.total)} requests, ${run.wrong} not ${status}, ${run.errors} errors | |`;
    const mib = (kib: number) => (kib / 1024).toFixed(0);
    const pct = (share: number) => `${(share * 100).toFixed(0)}%`;
    writeResultsSection(
      join(BENCH_ROOT, 'bench', 'RESULTS.md'),
      'certificates',
      `
## Certificates: a class of 2,300 closes, its ZIP, the verify page

Written by \`bench/certificates.ts\` (\`npm run bench\`); re-running replaces this section.

${runFacts(started, host)}
- App: one \`node dist/src/main.js\` (role \`all\`: API, outbox relay and workers in one process, \`WORKER_CONCURRENCY\` default) on port ${PORT}, fresh database \`${DATABASE}\` with the demo seed, files under \`bench/.tmp/certificates-storage\`, LOG_LEVEL=warn, \`VERIFY_RATE_LIMIT_PER_MINUTE=${VERIFY_LIMIT}\` (the limit is per address and all the load comes from one).
- Setup (not measured): the seeded conference \`HN-CD2026-TQ\` (hybrid, no final exam required) with ${count(LEARNERS)} learners enrolled by CSV import; each learner written by SQL as present at the class's session and through all ${lessons} lessons of its course; the unit's issuing settings saved with \`PUT /org-units/:id/certificate-settings\` by its school admin \`qtv.tuyenquang\`.
- Close: \`POST /classes/:id/close\` by the school admin, then the harness polls the \`certificates\` rows of the class every 100 ms. Times run from the start of the close request. Batches: issuance ${'`ISSUE_BATCH`'} completions per job, PDFs ${'`RENDER_BATCH`'} per job (\`src/modules/certificates/certificate-events.ts\`).
- ZIP: \`GET /classes/:id/certificates.zip\` twice in a row, written to disk by the harness; the server's RSS (\`VmRSS\` of \`/proc/<pid>/status\`) sampled every 50 ms meanwhile; the file read back with yauzl.
- Verify: autocannon ${packageVersion('autocannon')} in the harness process, ${LOAD.connections} connections, ${LOAD.duration} s per run, HTML (\`Accept: text/html\`), after a ${WARMUP_SECONDS} s warm-up run, each measured run starting on a new clock minute (the limit's window); known codes cycle through the class's ${count(knownCodes.length)} codes, unknown ones through as many random well-formed codes; ${pinned ? 'server pinned to CPU 1, autocannon to CPU 0 (taskset), PostgreSQL and Redis unpinned' : 'not pinned (no taskset)'}.

| Measure | Result | Target |
| ------- | -----: | -----: |
| Close request (${count(closed.completed)} completed, ${closed.failed} failed) | ${(closeMs / 1000).toFixed(2)} s | does not wait on issuance |
| All ${count(LEARNERS)} certificates \`valid\` | ${s(issued.validMs)} after the close began | |
| All ${count(LEARNERS)} PDFs stored | ${s(issued.pdfMs)} after the close began | both under ${TARGET_SECONDS} s: ${pass(together !== null && together < TARGET_SECONDS * 1000)} |
${spanRow('… `certificates.issue-on-completion`', issueSpan)}
${spanRow('… `certificates.render-pdf`', renderSpan)}
| Distinct serials, codes, stored PDFs | ${count(serials.distinct_serials)}, ${count(serials.distinct_codes)}, ${count(serials.pdf_files)} | ${count(LEARNERS)} each: ${pass(serials.distinct_serials === LEARNERS && serials.distinct_codes === LEARNERS && serials.pdf_files === LEARNERS)} |
| Outbox rows of the two subscribers not \`done\` | ${notDone ?? 'none'} | none: ${pass(!notDone)} |
| \`certificates.zip\`: first byte, total | ${zip.firstByteMs.toFixed(0)} ms, ${(zip.totalMs / 1000).toFixed(2)} s | |
| … downloaded again at once | ${again.firstByteMs.toFixed(0)} ms, ${(again.totalMs / 1000).toFixed(2)} s | |
| … during the two: server on CPU, machine busy, machine in I/O wait | ${pct(zip.serverCpu)} / ${pct(again.serverCpu)} of a core; ${pct(zip.machineBusy)} / ${pct(again.machineBusy)}; ${pct(zip.machineIowait)} / ${pct(again.machineIowait)} | |
| … size, entries | ${(zip.bytes / 2 ** 20).toFixed(1)} MiB (${count(Math.round(zip.bytes / Math.max(entries.entries, 1) / 1024))} KiB a PDF), ${count(entries.entries)} entries (${count(entries.pdfs)} begin \`%PDF-\`, ${count(entries.names)} distinct names) | ${count(LEARNERS)}: ${pass(entries.entries === LEARNERS && entries.pdfs === LEARNERS && entries.names === LEARNERS)} |
| … server RSS before, peak during | ${mib(zip.rssBeforeKiB)} MiB, ${mib(Math.max(zip.rssPeakKiB, again.rssPeakKiB))} MiB | |
${verifyRow('`GET /verify/:code`, known codes (200)', knownRun, 200)}
${verifyRow('`GET /verify/:code`, unknown codes (404)', unknownRun, 404)}
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
