/** Pieces every benchmark under bench/ needs: child servers, machine facts, and the shared RESULTS.md. */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { setTimeout as delay } from 'node:timers/promises';
import { deleteQueueKeys } from '../test/support/queue-keys';

export interface ServerSpec {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
  /** Gives the child an IPC channel, so a child that watches `disconnect` dies with the harness. */
  ipc?: boolean;
}

export interface Server {
  name: string;
  logFile: string;
  child: ChildProcess;
  exited: Promise<void>;
  isRunning(): boolean;
}

/** Fails early when a port is taken: a leftover server there would silently be benchmarked instead. */
export function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`port ${host}:${port} is not free (${error.code}); is a server from an earlier run still up?`)),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * Pins a process (all its threads) to one CPU, so the server under test and the load generator do
 * not fight over the same core; on this 2-core machine that cuts the run-to-run noise a lot.
 * Without `taskset` the run goes on unpinned.
 */
export function pinToCpu(pid: number, cpu: number): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** CPU time (user + system) a process has used so far, in USER_HZ ticks (1/100 s); 0 once it is gone. */
export async function processCpuTicks(pid: number): Promise<number> {
  try {
    // Fields after the command name, which is in parentheses: utime and stime are the 12th and 13th.
    const own = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    return Number(own[11]) + Number(own[12]);
  } catch {
    return 0;
  }
}

/**
 * Starts `node <args>` with its stdout and stderr in `logFile`. With `BENCH_CPU_PROF_DIR` set, each
 * server writes a V8 CPU profile there when it exits (open it in Chrome's DevTools): where a
 * benchmark's time goes.
 */
export function spawnServer(spec: ServerSpec): Server {
  const log = openSync(spec.logFile, 'w');
  const profile = process.env.BENCH_CPU_PROF_DIR;
  const args = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, ...spec.args] : spec.args;
  const child = spawn(process.execPath, args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: spec.ipc ? ['ignore', log, log, 'ipc'] : ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A spawn failure also emits 'exit'; without a listener 'error' would crash the harness first.
  child.on('error', (error) => console.error(`bench: ${spec.name}: ${error.message}`));
  return {
    name: spec.name,
    logFile: spec.logFile,
    child,
    exited,
    isRunning: () => child.exitCode === null && child.signalCode === null,
  };
}

/** Polls `url` until it answers 200, giving up when the server exits or the deadline passes. */
export async function waitUntilReady(server: Server, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!server.isRunning()) {
      throw new Error(`${server.name} exited (${describeExit(server)}) before it was ready${logHint(server)}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      last = cause?.code ?? (error as Error).message;
    }
    await delay(250);
  }
  throw new Error(`${server.name} was not ready after ${timeoutMs / 1000} s (${last})${logHint(server)}`);
}

/** SIGTERM first so the app can close its queues and pools; SIGKILL if it takes longer than `graceMs`. */
export async function stopServer(server: Server, graceMs = 10_000): Promise<void> {
  if (!server.isRunning()) return;
  server.child.kill('SIGTERM');
  const timer = delay(graceMs, 'timeout' as const);
  if ((await Promise.race([server.exited, timer])) === 'timeout' && server.isRunning()) {
    console.error(`bench: ${server.name} ignored SIGTERM for ${graceMs / 1000} s; killing it`);
    server.child.kill('SIGKILL');
    await server.exited;
  }
}

export function describeExit(server: Server): string {
  const { exitCode, signalCode } = server.child;
  return signalCode ? `signal ${signalCode}` : `code ${exitCode}`;
}

function logHint(server: Server): string {
  const lines = existsSync(server.logFile) ? readFileSync(server.logFile, 'utf8').trimEnd().split('\n') : [];
  const tail = lines.slice(-15).join('\n');
  return `; log: ${server.logFile}${tail ? `\n--- last lines ---\n${tail}` : ''}`;
}

export interface Machine {
  cores: number;
  model: string;
  memoryGiB: number;
  node: string;
  os: string;
  loadAverage: number[];
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    model: cpus[0]?.model.trim() || 'unknown',
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg(),
  };
}

/** Short commit and whether tracked files differ from it; read-only git commands, never touching the index. */
export function revision(cwd: string): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    let dirty = false;
    try {
      execFileSync('git', ['diff', '--quiet', 'HEAD', '--'], { cwd, stdio: 'ignore' });
    } catch {
      dirty = true;
    }
    return dirty ? `${commit} + uncommitted changes` : commit;
  } catch {
    return 'unknown';
  }
}

export function packageVersion(name: string): string {
  try {
    const file = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const RESULTS_HEADER = `# Benchmark results

Each section below is written by a benchmark under \`bench/\`. Re-running one replaces only its own
section, between its \`<!-- bench:NAME -->\` and \`<!-- /bench:NAME -->\` markers; edit outside them freely.
`;

/** Replaces (or appends) the section `id` of the results file, leaving every other section as it was. */
export function writeResultsSection(file: string, id: string, body: string): void {
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : RESULTS_HEADER;
  const from = text.indexOf(start);
  const to = from >= 0 ? text.indexOf(end, from) : -1;
  const next =
    from >= 0 && to >= 0
      ? text.slice(0, from) + section + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  // Write then rename, so an interrupted run never leaves a half-written file.
  writeFileSync(`${file}.tmp`, next);
  renameSync(`${file}.tmp`, file);
}

export const BENCH_ROOT = resolve(__dirname, '..');
/** Logs and files of the servers under test (git-ignored). */
export const BENCH_TMP = join(BENCH_ROOT, 'bench', '.tmp');
const BENCH_HOST = '127.0.0.1';
/** The shared PostgreSQL server, without a database name. */
const SHARED_POSTGRES = `postgres://postgres@${BENCH_HOST}:5432`;

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `use` with a client of a database on the local server (`postgres` for DROP/CREATE), or on `server`. */
export async function withDatabase<T>(
  database: string,
  use: (client: Client) => Promise<T>,
  server = SHARED_POSTGRES,
): Promise<T> {
  const client = new Client({ connectionString: `${server}/${database}` });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export interface AppUnderTest {
  server: Server;
  databaseUrl: string;
  /** A request with an optional bearer token, answer as it comes. */
  call(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  /** A JSON request; a non-2xx answer throws with its body. */
  api<T>(path: string, init?: RequestInit & { token?: string }): Promise<T>;
  /** An access token; the seeded system admin by default. */
  login(username?: string, password?: string): Promise<string>;
}

/**
 * The built app (`dist/src/main.js`) on its own port and a freshly dropped database (the app
 * creates, migrates and seeds it), ready to serve; with `keepDatabase` it starts on the database as
 * a previous run left it. Stop it with `stopServer(app.server)`.
 */
export async function startAppUnderTest(spec: {
  name: string;
  port: number;
  database: string;
  env?: NodeJS.ProcessEnv;
  keepDatabase?: boolean;
  /** Which of several processes of one role this is, for its log file's name. */
  instance?: number;
  /** BullMQ key prefix; `lyluan-bench-<name>` by default. */
  queuePrefix?: string;
  /** A PostgreSQL server of the benchmark's own (URL without database); the shared one by default. */
  postgresUrl?: string;
  /** A Redis of the benchmark's own; `REDIS_URL` or the shared one by default. */
  redisUrl?: string;
}): Promise<AppUnderTest> {
  mkdirSync(BENCH_TMP, { recursive: true });
  await assertPortFree(spec.port, BENCH_HOST);
  const queuePrefix = spec.queuePrefix ?? `lyluan-bench-${spec.name}`;
  const postgres = spec.postgresUrl ?? SHARED_POSTGRES;
  const redisUrl = spec.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!spec.keepDatabase) {
    await withDatabase(
      'postgres',
      (client) => client.query(`DROP DATABASE IF EXISTS ${spec.database} WITH (FORCE)`),
      postgres,
    );
    // Jobs an earlier run left (another commit's job names) would otherwise run beside this one.
    await deleteQueueKeys(redisUrl, queuePrefix);
  }
  const databaseUrl = `${postgres}/${spec.database}`;
  const base = `http://${BENCH_HOST}:${spec.port}`;
  const server = spawnServer({
    name: 'app',
    args: [join(BENCH_ROOT, 'dist', 'src', 'main.js')],
    cwd: BENCH_ROOT,
    logFile: join(
      BENCH_TMP,
      `${spec.name}-${spec.env?.PROCESS_ROLE ?? 'app'}${spec.instance ? `-${spec.instance}` : ''}.log`,
    ),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(spec.port),
      HOST: BENCH_HOST,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      LOG_LEVEL: 'warn',
      ...spec.env,
    },
  });
  try {
    await waitUntilReady(server, `${base}/health/ready`, 60_000);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  const call = (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${base}${path}`, { ...init, headers });
  };
  const api = async <T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> => {
    const response = await call(path, init);
    const body = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${body}`);
    return (body ? JSON.parse(body) : undefined) as T;
  };
  const login = async (username = 'admin', password = 'lyluan-admin-2026') =>
    (
      await api<{ accessToken: string }>('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      })
    ).accessToken;
  return { server, databaseUrl, call, api, login };
}

/** Uploads a CSV to an import route and polls the import until it ends: wall time and the final import. */
export async function timedImport(
  app: AppUnderTest,
  path: string,
  token: string,
  csv: Blob,
): Promise<{ seconds: number; result: Record<string, unknown> }> {
  const form = new FormData();
  form.append('file', csv, 'bench.csv');
  const started = performance.now();
  const { importId } = await app.api<{ importId: string }>(path, { method: 'POST', body: form, token });
  for (;;) {
    const result = await app.api<Record<string, unknown>>(`/api/v1/imports/${importId}`, { token });
    if (result.status === 'done' || result.status === 'failed') {
      return { seconds: (performance.now() - started) / 1000, result };
    }
    await delay(100);
  }
}

/** The first lines of a results section: when, which commit, on what machine. */
export function runFacts(started: Date, host: Machine): string {
  return [
    `- Date: ${started.toISOString()}; commit ${revision(BENCH_ROOT)}`,
    `- Machine: ${host.cores} cores, ${host.model}, ${host.memoryGiB.toFixed(1)} GiB RAM, Node ${host.node}; load average before: ${host.loadAverage.map((v) => v.toFixed(2)).join(' / ')}`,
  ].join('\n');
}

export interface WebhookReceiver {
  url: string;
  /** Deliveries received per `webhook-id`. */
  ids: Map<string, number>;
  /** When each delivery arrived (`performance.now()`). */
  times: number[];
  /** Stops listening and drops open connections: deliveries are refused until `accept`. */
  refuse(): Promise<void>;
  /** Listens again on the same port. */
  accept(): Promise<void>;
  close(): Promise<void>;
}

/** An HTTP receiver answering 200, keeping each `webhook-id` and when it arrived. */
export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const ids = new Map<string, number>();
  const times: number[] = [];
  const server = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const id = String(request.headers['webhook-id'] ?? '');
      ids.set(id, (ids.get(id) ?? 0) + 1);
      times.push(performance.now());
      response.writeHead(200).end();
    });
  });
  const listen = (on: number) => new Promise<void>((resolve) => server.listen(on, BENCH_HOST, () => resolve()));
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await listen(port);
  const bound = (server.address() as AddressInfo).port;
  return { url: `http://${BENCH_HOST}:${bound}/hook`, ids, times, refuse: close, accept: () => listen(bound), close };
}
