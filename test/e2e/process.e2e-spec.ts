import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testEnvironment } from '../support/test-app';
import { freePort, MainProcess, startMain } from '../support/main-process';
import { databaseUrl, runPrefix, TEST_REDIS_URL } from '../support/test-databases';
import { dropTestResources, eventually } from '../support/test-app';

const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;

/** Waits for the exit and returns what the process printed. */
async function finished(main: MainProcess, limitMs: number) {
  const timer = setTimeout(() => main.child.kill('SIGKILL'), limitMs);
  const exit = await main.exited;
  clearTimeout(timer);
  return { ...exit, output: main.output() };
}

describe('the process: start-up failures', () => {
  it('bad configuration → one readable message naming every bad variable, exit 1', async () => {
    const run = await finished(startMain({ PORT: 'abc', REDIS_URL: 'not-a-url' }), 30_000);
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(30_000);
    expect(run.output).toContain('Invalid configuration');
    expect(run.output).toMatch(/PORT="abc"/);
    expect(run.output).toMatch(/REDIS_URL="not-a-url"/);
    expect(run.output).not.toMatch(STACK_LINE);
  });

  it('production without secrets → names each missing one', async () => {
    const run = await finished(startMain({ NODE_ENV: 'production' }), 30_000);
    expect(run.code).toBe(1);
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'SEED_ADMIN_PASSWORD', 'METRICS_TOKEN']) {
      expect(run.output).toContain(`${name} is required when NODE_ENV=production`);
    }
    expect(run.output).not.toMatch(STACK_LINE);
  });

  it('unreachable PostgreSQL → one line saying which, where and the fix, exit 1', async () => {
    const run = await finished(startMain({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/lyluan' }), 30_000);
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(30_000);
    const lines = run.output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PostgreSQL is unreachable at 127\.0\.0\.1:1 .*docker compose up -d postgres redis/);
  });

  it('unreachable read replica → one line naming DATABASE_READ_URL, exit 1', async () => {
    const run = await finished(
      startMain({
        DATABASE_URL: databaseUrl(`${runPrefix()}_unused`),
        DATABASE_READ_URL: 'postgres://postgres@127.0.0.1:1/lyluan',
      }),
      30_000,
    );
    expect(run.code).toBe(1);
    const lines = run.output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PostgreSQL is unreachable at 127\.0\.0\.1:1 .*or set DATABASE_READ_URL\.$/);
  });

  it('unreachable Redis → one line saying which, where and the fix, exit 1', async () => {
    const run = await finished(startMain({ REDIS_URL: 'redis://127.0.0.1:1' }), 30_000);
    expect(run.code).toBe(1);
    const lines = run.output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Redis is unreachable at 127\.0\.0\.1:1 .*docker compose up -d postgres redis/);
  });
});

describe('the process: start, start again, SIGTERM', () => {
  const database = `${runPrefix()}_proc_${randomBytes(4).toString('hex')}`;
  const env = (port: number, role: string) => ({
    DATABASE_URL: databaseUrl(database),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `t-${database}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    PROCESS_ROLE: role,
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT_MS: '5000',
  });

  afterAll(async () => {
    await dropTestResources(testEnvironment(database), database);
  });

  async function serve(role: string): Promise<{ main: MainProcess; port: number }> {
    const port = await freePort();
    const main = startMain(env(port, role));
    await eventually(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200, 60_000, 250);
    return { main, port };
  }

  it('creates the database, migrates and seeds on a first start; a second start seeds nothing twice', async () => {
    const first = await serve('all');
    first.main.child.kill('SIGTERM');
    const firstExit = await finished(first.main, 30_000);
    expect(firstExit.code).toBe(0);
    expect(firstExit.output).toContain('Created the database');
    expect(firstExit.output).toMatch(/Seeded \d+ missing units, curricula and people/);
    expect(firstExit.output).toContain('Stopped cleanly');

    const second = await serve('all');
    const login = await fetch(`http://127.0.0.1:${second.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'lyluan-admin-2026' }),
    });
    expect(login.status).toBe(200);
    second.main.child.kill('SIGTERM');
    const secondExit = await finished(second.main, 30_000);
    expect(secondExit.code).toBe(0);
    expect(secondExit.output).toContain('Seed data already present');
    expect(secondExit.output).not.toContain('Applied migrations');

    const client = new Client({ connectionString: databaseUrl(database) });
    await client.connect();
    const { rows } = await client.query(
      `SELECT count(*)::int AS users, count(DISTINCT lower(username))::int AS names,
              (SELECT count(*)::int FROM programs) AS programs, (SELECT count(*)::int FROM courses) AS courses,
              (SELECT count(*)::int FROM class_sessions) AS sessions
         FROM users`,
    );
    await client.end();
    expect(rows[0].users).toBe(rows[0].names);
    expect(rows[0].users).toBeGreaterThan(1);
    // The reference curricula (the new-member programme in two versions) and the demo conference,
    // once however often the process starts.
    expect(rows[0]).toMatchObject({ programs: 4, courses: 5, sessions: 1 });
  });

  it('a worker answers only health, metrics and the queue dashboard, and exits 0 on SIGTERM', async () => {
    const { main, port } = await serve('worker');
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    // The queue dashboard is there too, behind its cookie.
    expect((await fetch(`http://127.0.0.1:${port}/admin/queues`)).status).toBe(401);
    const api = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST' });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    main.child.kill('SIGTERM');
    const exit = await finished(main, 30_000);
    expect(exit.code).toBe(0);
    expect(exit.output).toContain('Stopped cleanly');
    for (const line of exit.output.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});
