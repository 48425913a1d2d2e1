/**
 * `npm run bench`: requests/s of `GET /health` on the built app against bare Fastify answering the same
 * JSON, on the same machine with the same load, alternating so drift in background load hits both.
 * Writes the `health` section of bench/RESULTS.md.
 */
import autocannon from 'autocannon';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  assertPortFree,
  describeExit,
  machine,
  Machine,
  median,
  packageVersion,
  pinToCpu,
  revision,
  Server,
  spawnServer,
  stopServer,
  waitUntilReady,
  writeResultsSection,
} from './support';

const ROOT = resolve(__dirname, '..');
const TMP = join(ROOT, 'bench', '.tmp');
const RESULTS_FILE = join(ROOT, 'bench', 'RESULTS.md');
const APP_ENTRY = join(ROOT, 'dist', 'src', 'main.js');

// Loopback only: the load must never leave the machine.
const HOST = '127.0.0.1';
const APP_PORT = 3101;
const BARE_PORT = 3102;
const EXPECTED_BODY = '{"status":"ok"}';

// Identical for both servers; only the URL differs.
const LOAD = { connections: 50, pipelining: 1, duration: 6, timeout: 10 } as const;
const WARMUP_SECONDS = 3;
const ROUNDS = 5;
/** Lets the previous run's sockets close and the servers settle before the next one starts. */
const PAUSE_MS = 1000;
const READY_TIMEOUT_MS = 60_000;
const TARGET_RATIO = 0.8;

interface Target {
  label: 'app' | 'bare';
  server: Server;
  url: string;
}

interface Round {
  round: number;
  label: Target['label'];
  result: autocannon.Result;
}

const servers: Server[] = [];
let current: autocannon.Instance | undefined;
let interrupted = false;
let stopping: Promise<void> | undefined;
let pinning = 'not pinned';

/** Idempotent: the signal handler and the normal exit path may both call it. */
function stopAll(): Promise<void> {
  stopping ??= Promise.all(servers.map((server) => stopServer(server))).then(() => undefined);
  return stopping;
}

async function load(target: Target, duration: number): Promise<autocannon.Result> {
  if (interrupted) throw new Error('interrupted');
  current = autocannon({ ...LOAD, url: target.url, duration, expectBody: EXPECTED_BODY });
  const result = await current;
  current = undefined;
  if (!target.server.isRunning()) {
    throw new Error(`${target.label} server died during the run (${describeExit(target.server)}); see its log`);
  }
  return result;
}

/** Both servers must answer byte-for-byte the same, or the comparison measures different work. */
async function checkSameAnswer(targets: Target[]): Promise<void> {
  for (const target of targets) {
    const response = await fetch(target.url, { signal: AbortSignal.timeout(5000) });
    const body = await response.text();
    if (response.status !== 200 || body !== EXPECTED_BODY) {
      throw new Error(
        `${target.label} answered ${response.status} ${JSON.stringify(body)}, expected 200 ${EXPECTED_BODY}`,
      );
    }
  }
}

function startServers(): { app: Server; bare: Server } {
  const app = spawnServer({
    name: 'app',
    args: [APP_ENTRY],
    cwd: ROOT,
    logFile: join(TMP, 'app.log'),
    env: {
      ...process.env,
      // production refuses to start without real secrets; the request path is the same.
      NODE_ENV: 'development',
      PROCESS_ROLE: 'all',
      PORT: String(APP_PORT),
      HOST,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/lyluan_bench',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'lyluan-bench',
      LOG_LEVEL: 'warn',
    },
  });
  servers.push(app);
  const bare = spawnServer({
    name: 'bare',
    args: ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench', 'bare-fastify.ts')],
    cwd: ROOT,
    logFile: join(TMP, 'bare.log'),
    env: { ...process.env, PORT: String(BARE_PORT), HOST },
    ipc: true,
  });
  servers.push(bare);
  return { app, bare };
}

function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function trouble(result: autocannon.Result): number {
  return result.errors + result.timeouts + result.non2xx + result.mismatches;
}

function report(rounds: Round[], started: Date, m: Machine): { ratio: number; pass: boolean; text: string } {
  const of = (label: Target['label']) => rounds.filter((r) => r.label === label).map((r) => r.result);
  const summary = (['app', 'bare'] as const).map((label) => ({
    label,
    rps: median(of(label).map((r) => r.requests.average)),
    p99: median(of(label).map((r) => r.latency.p99)),
  }));
  const [app, bare] = summary;
  const ratio = app.rps / bare.rps;
  const clean = rounds.every((r) => trouble(r.result) === 0);
  const pass = clean && ratio >= TARGET_RATIO;
  const verdict = pass
    ? 'PASS'
    : clean
      ? 'FAIL'
      : 'FAIL (some runs had errors, timeouts, non-2xx answers or wrong bodies; the numbers are not comparable)';

  const text = `
## \`GET /health\`: app vs bare Fastify

Written by \`bench/health.ts\`; re-running the command replaces this section.

- Date: ${started.toISOString()}
- Commit: ${revision(ROOT)}
- Machine: ${m.cores} cores, ${m.model}, ${fmt(m.memoryGiB, 1)} GiB RAM, ${m.os}, Node ${m.node}
- Load average before the servers started (1/5/15 min): ${m.loadAverage.map((v) => fmt(v, 2)).join(' / ')}; well above 0 means something else was using the CPU.
- Command: \`npm run bench\`
- Settings: autocannon ${packageVersion('autocannon')} in the harness process, ${LOAD.connections} connections, pipelining ${LOAD.pipelining}, ${LOAD.duration} s per run, one discarded ${WARMUP_SECONDS} s warm-up per server, ${ROUNDS} rounds alternating app, bare; ${PAUSE_MS / 1000} s pause between runs; ${pinning}; body checked against \`${EXPECTED_BODY}\`; all traffic on ${HOST}.
- app: \`node dist/src/main.js\` on port ${APP_PORT} (NODE_ENV=development, LOG_LEVEL=warn, PostgreSQL and Redis on ${HOST}). Its \`/health\` is a Fastify route that \`createApp\` registers beside Nest's router: it runs the app-wide hooks (request id, the worker-role route filter; like \`/metrics\` it is kept out of the access log and the latency histogram) but not Nest's guards and pipes, so a liveness probe costs next to nothing; \`/health/ready\` and the API go through Nest.
- bare: \`bench/bare-fastify.ts\` on port ${BARE_PORT}, Fastify ${packageVersion('fastify')}, logger off, one route.
- req/s is autocannon's mean of per-second samples; latencies are in ms.

| Round | Server | req/s | p50 | p99 | Requests | Errors | Timeouts | Non-2xx | Wrong body |
| ----: | ------ | ----: | --: | --: | -------: | -----: | -------: | ------: | ---------: |
${rounds
  .map(
    ({ round, label, result: r }) =>
      `| ${round} | ${label} | ${fmt(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${fmt(r.requests.total)} | ${r.errors} | ${r.timeouts} | ${r.non2xx} | ${r.mismatches} |`,
  )
  .join('\n')}

| Server | Median req/s | Median p99 |
| ------ | -----------: | ---------: |
${summary.map((s) => `| ${s.label} | ${fmt(s.rps)} | ${s.p99} |`).join('\n')}

**app ÷ bare = ${fmt(ratio, 3)}** (median over median; target ≥ ${TARGET_RATIO}): **${verdict}**
`;
  return { ratio, pass, text };
}

async function main(): Promise<void> {
  if (!existsSync(APP_ENTRY)) throw new Error(`${APP_ENTRY} is missing; run \`npm run build\` first`);
  mkdirSync(TMP, { recursive: true });
  await assertPortFree(APP_PORT, HOST);
  await assertPortFree(BARE_PORT, HOST);

  // Taken before our own load, so the load average shows what else was running.
  const started = new Date();
  const host = machine();
  const { app, bare } = startServers();
  console.log(`bench: starting app and bare Fastify (logs in ${TMP})`);
  await Promise.all([
    waitUntilReady(app, `http://${HOST}:${APP_PORT}/health/ready`, READY_TIMEOUT_MS),
    waitUntilReady(bare, `http://${HOST}:${BARE_PORT}/health`, READY_TIMEOUT_MS),
  ]);
  const targets: Target[] = [
    { label: 'app', server: app, url: `http://${HOST}:${APP_PORT}/health` },
    { label: 'bare', server: bare, url: `http://${HOST}:${BARE_PORT}/health` },
  ];
  await checkSameAnswer(targets);
  // Servers on CPU 1, autocannon (this process) on CPU 0: both servers get the same core to themselves.
  const pinned = [pinToCpu(process.pid, 0), pinToCpu(app.child.pid!, 1), pinToCpu(bare.child.pid!, 1)].every(Boolean);
  console.log(`bench: ${pinned ? 'pinned servers to CPU 1 and the load to CPU 0' : 'taskset unavailable; unpinned'}`);
  pinning = pinned ? 'servers pinned to CPU 1, autocannon to CPU 0 (taskset)' : 'not pinned (no taskset)';

  for (const target of targets) {
    console.log(`bench: warm-up ${target.label} (${WARMUP_SECONDS} s, discarded)`);
    await load(target, WARMUP_SECONDS);
    await delay(PAUSE_MS);
  }

  const rounds: Round[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const target of targets) {
      const result = await load(target, LOAD.duration);
      rounds.push({ round, label: target.label, result });
      console.log(
        `bench: round ${round}/${ROUNDS} ${target.label.padEnd(4)} ${fmt(result.requests.average).padStart(7)} req/s` +
          `  p99 ${result.latency.p99} ms  errors ${result.errors}  non-2xx ${result.non2xx}  wrong body ${result.mismatches}`,
      );
      await delay(PAUSE_MS);
    }
  }

  const { ratio, pass, text } = report(rounds, started, host);
  writeResultsSection(RESULTS_FILE, 'health', text);
  console.log(`bench: app ÷ bare = ${fmt(ratio, 3)} (target ≥ ${TARGET_RATIO}): ${pass ? 'PASS' : 'FAIL'}`);
  console.log(`bench: wrote ${RESULTS_FILE}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`bench: ${signal}; stopping the servers`);
    current?.stop();
    void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

main()
  .catch((error: unknown) => {
    if (!interrupted) console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    // Open keep-alive sockets (fetch) must not hold the process once the servers are gone.
    process.exit(process.exitCode ?? 0);
  });
