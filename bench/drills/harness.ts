/**
 * What the fault drills under bench/drills/ share: faults on servers of their own (a private Redis,
 * a private PostgreSQL cluster), timed requests, and invariants printed and written to RESULTS.md.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { AppUnderTest, BENCH_ROOT, machine, Machine, runFacts, writeResultsSection } from '../support';

export interface Invariant {
  name: string;
  /** The counts behind it: acknowledged vs stored, submitted vs graded, issued vs unique. */
  observed: string;
  holds: boolean;
}

export interface Timed {
  status: number;
  ms: number;
  body: Record<string, unknown>;
  /** The answer's `content-type` and `retry-after` headers. */
  contentType: string;
  retryAfter: string | null;
}

/** One request, timed to the end of its body; status 0 when no answer came (refused, dropped). */
export async function timed(
  app: AppUnderTest,
  path: string,
  init: RequestInit & { token?: string } = {},
): Promise<Timed> {
  const started = performance.now();
  try {
    const response = await app.call(path, init);
    const text = await response.text();
    return {
      status: response.status,
      ms: performance.now() - started,
      body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {},
      contentType: response.headers.get('content-type') ?? '',
      retryAfter: response.headers.get('retry-after'),
    };
  } catch {
    return { status: 0, ms: performance.now() - started, body: {}, contentType: '', retryAfter: null };
  }
}

/** "12 × 200, 3 × 503": how many answers of each status. */
export const statuses = (list: { status: number }[]) =>
  Object.entries(
    list.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {}),
  )
    .map(([status, n]) => `${n} × ${status}`)
    .join(', ') || 'none';

export const isProblem = (contentType: string) => contentType.startsWith('application/problem+json');
export const count = (n: number) => n.toLocaleString('en-US');

/**
 * A redis-server of the drill's own, no persistence (a restart loses everything, the worst case),
 * so killing it never touches the Redis other work shares.
 */
export class PrivateRedis {
  private child?: ChildProcess;
  readonly url: string;

  constructor(readonly port: number) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 50; i++) {
      try {
        execFileSync('redis-cli', ['-p', String(this.port), 'ping'], { stdio: 'ignore' });
        return;
      } catch {
        await delay(100);
      }
    }
    throw new Error(`redis-server on ${this.port} did not answer`);
  }

  /** SIGKILL: no shutdown, no save. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Jobs waiting in BullMQ's lists under `prefix` (not yet taken by a worker). */
  waitingJobs(prefix: string): number {
    const script = `local n = 0 for _, k in ipairs(redis.call('keys', ARGV[1])) do n = n + redis.call('llen', k) end return n`;
    const out = execFileSync('redis-cli', ['-p', String(this.port), 'eval', script, '0', `${prefix}:*:wait`], {
      encoding: 'utf8',
    });
    return Number(out.trim());
  }

  /** Keys the server holds now. */
  keys(): number {
    return Number(execFileSync('redis-cli', ['-p', String(this.port), 'dbsize'], { encoding: 'utf8' }).trim());
  }
}

/**
 * A PostgreSQL cluster of the drill's own (`pg_createcluster`, trust on loopback, fsync off),
 * restarted and dropped by `pg_ctlcluster`; the shared cluster on 5432 is never touched.
 */
export class PrivateCluster {
  readonly url: string;

  constructor(
    readonly version: string,
    readonly name: string,
    readonly port: number,
  ) {
    this.url = `postgres://postgres@127.0.0.1:${port}`;
  }

  create(): void {
    this.drop();
    execFileSync(
      'pg_createcluster',
      [this.version, this.name, '--port', String(this.port), '-o', 'fsync=off'].concat([
        '--',
        '--auth-local=trust',
        '--auth-host=trust',
      ]),
      { stdio: 'ignore' },
    );
    this.ctl('start');
  }

  ctl(action: 'start' | 'stop' | 'restart'): void {
    execFileSync('pg_ctlcluster', [this.version, this.name, action], { stdio: 'ignore' });
  }

  drop(): void {
    try {
      execFileSync('pg_dropcluster', ['--stop', this.version, this.name], { stdio: 'ignore' });
    } catch {
      // Not there: nothing to drop.
    }
  }
}

/** Prints the drill's invariants with their counts and writes its section of bench/RESULTS.md. */
export function report(spec: {
  id: string;
  title: string;
  script: string;
  started: Date;
  host: Machine;
  setup: string[];
  invariants: Invariant[];
  note?: string;
}): boolean {
  for (const i of spec.invariants) {
    console.log(`drill ${spec.id}: ${i.holds ? 'holds' : 'FAILS'}: ${i.name}: ${i.observed}`);
  }
  writeResultsSection(
    join(BENCH_ROOT, 'bench', 'RESULTS.md'),
    `drill-${spec.id}`,
    `
## Drill: ${spec.title}

Command: \`npm run drills\` (\`bench/drills/${spec.script}\`); re-running replaces this section.

${runFacts(spec.started, spec.host)}
${spec.setup.map((line) => `- ${line}`).join('\n')}

| Invariant | Observed | |
| --------- | -------- | - |
${spec.invariants.map((i) => `| ${i.name} | ${i.observed} | ${i.holds ? 'holds' : '**FAILS**'} |`).join('\n')}
${spec.note ? `\n${spec.note}\n` : ''}`,
  );
  return spec.invariants.every((i) => i.holds);
}

/** Runs a drill's `main` and exits 0 when every invariant held, 1 otherwise or on an error. */
export function runDrill(id: string, main: (started: Date, host: Machine) => Promise<boolean>): void {
  main(new Date(), machine()).then(
    (held) => {
      console.log(held ? `drill ${id}: every invariant holds` : `drill ${id}: an invariant FAILS`);
      process.exit(held ? 0 : 1);
    },
    (error: unknown) => {
      console.error(`drill ${id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
