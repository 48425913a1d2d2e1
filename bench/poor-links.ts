/**
 * `npm run bench`: what a learner's phone pays for its home screen (their enrolments, their next
 * sessions as iCalendar, their notifications), fetched cold and then revalidated with the ETags it
 * kept, in bytes on the wire each way; and requests/s of `GET /health` and an authenticated
 * `GET /me/enrollments`, with the server's CPU time per request. "Before" is the same build with
 * compression, ETags and the session revocation check turned off by their settings; a third server
 * has only the revocation check off, which isolates what that check costs. All run at once on one
 * database, pinned to one core (the load generator on the other), and the load alternates between
 * them. Writes the `poor-links` section of bench/RESULTS.md.
 */
import autocannon from 'autocannon';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  AppUnderTest,
  BENCH_ROOT,
  machine,
  median,
  pinToCpu,
  processCpuTicks,
  runFacts,
  startAppUnderTest,
  stopServer,
  withDatabase,
  writeResultsSection,
} from './support';

const AFTER_PORT = 3410;
const BEFORE_PORT = 3411;
const UNCHECKED_PORT = 3412;
const DATABASE = 'lyluan_links_bench';
const LEARNER = 'hv.minhxuan.1';
const HOME = ['/api/v1/me/enrollments', '/api/v1/me/calendar.ics', '/api/v1/me/notifications'];
const OFF = { HTTP_COMPRESSION: 'false', HTTP_ETAGS: 'false', SESSION_REVOCATION: 'false' };
const UNCHECKED = { SESSION_REVOCATION: 'false' };
const LOAD = { connections: 50, pipelining: 1, duration: 5, timeout: 10 } as const;
const ROUNDS = 7;
const HOUR = 3_600_000;

interface Wire {
  sent: number;
  received: number;
  status: number;
  etag?: string;
}

/** One request on a fresh connection: the bytes its socket wrote and read, headers included. */
function onTheWire(port: number, path: string, headers: Record<string, string>): Promise<Wire> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => {
        const socket = req.socket!;
        resolve({
          sent: socket.bytesWritten,
          received: socket.bytesRead,
          status: res.statusCode ?? 0,
          etag: res.headers.etag,
        });
        socket.destroy();
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The learner's home screen: cold (nothing kept), then revalidated with the ETags of the cold fetch. */
async function homeScreen(port: number, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip', accept: 'application/json' };
  const cold = await Promise.all(HOME.map((path) => onTheWire(port, path, headers)));
  const again = await Promise.all(
    HOME.map((path, i) =>
      onTheWire(port, path, cold[i].etag ? { ...headers, 'if-none-match': cold[i].etag! } : headers),
    ),
  );
  const sum = (wires: Wire[], key: 'sent' | 'received') => wires.reduce((total, w) => total + w[key], 0);
  return {
    cold: { sent: sum(cold, 'sent'), received: sum(cold, 'received'), statuses: cold.map((w) => w.status) },
    again: { sent: sum(again, 'sent'), received: sum(again, 'received'), statuses: again.map((w) => w.status) },
  };
}

interface Throughput {
  result: autocannon.Result;
  /** The server's CPU time (user + system) per answered request, in microseconds. */
  cpuMicros: number;
}

async function throughput(app: AppUnderTest, port: number, path: string, token?: string): Promise<Throughput> {
  const pid = app.server.child.pid!;
  const ticks = await processCpuTicks(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...LOAD,
  });
  const cpuMicros = (((await processCpuTicks(pid)) - ticks) * 10_000) / Math.max(1, result.requests.total);
  await delay(500);
  return { result, cpuMicros };
}

/** Gives the learner something to see: a class of the reference course with eight sessions to come. */
async function furnish(app: AppUnderTest): Promise<void> {
  const token = await app.login();
  const json = { 'content-type': 'application/json' };
  const { courseId, orgUnitId, learnerId } = await withDatabase(DATABASE, async (client) => ({
    courseId: (await client.query(`SELECT id FROM courses WHERE version = '2022'`)).rows[0].id as string,
    orgUnitId: (await client.query(`SELECT id FROM org_units WHERE code = 'TCT-TUYENQUANG'`)).rows[0].id as string,
    learnerId: (await client.query(`SELECT id FROM users WHERE username = $1`, [LEARNER])).rows[0].id as string,
  }));
  const { id: classId } = await app.api<{ id: string }>('/api/v1/classes', {
    method: 'POST',
    headers: json,
    token,
    body: JSON.stringify({
      courseId,
      orgUnitId,
      code: `MANG-YEU-${Date.now()}`,
      title: 'Lớp bồi dưỡng nhận thức về Đảng — khóa học buổi tối',
      startsOn: '2026-11-01',
      endsOn: '2027-03-31',
      mode: 'hybrid',
      enrollmentPolicy: 'closed',
    }),
  });
  await app.api(`/api/v1/classes/${classId}`, {
    method: 'PATCH',
    headers: json,
    token,
    body: JSON.stringify({ status: 'open' }),
  });
  await app.api(`/api/v1/classes/${classId}/enrollments`, {
    method: 'POST',
    headers: json,
    token,
    body: JSON.stringify({ userId: learnerId }),
  });
  for (let day = 1; day <= 8; day++) {
    const startsAt = new Date(Date.now() + day * 24 * HOUR);
    await app.api(`/api/v1/classes/${classId}/sessions`, {
      method: 'POST',
      headers: json,
      token,
      body: JSON.stringify({
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(),
        lessonIds: [],
      }),
    });
  }
}

const kb = (bytes: number) => `${bytes.toLocaleString('en-US')} B`;
const rps = (values: number[]) =>
  `${Math.round(median(values)).toLocaleString('en-US')} req/s (median of ${values.length}: ${values
    .map((v) => Math.round(v).toLocaleString('en-US'))
    .join(', ')})`;
const micros = (values: number[]) => `${Math.round(median(values)).toLocaleString('en-US')} µs`;
/** How much less `slower` served than `faster`, as the median of the rounds' ratios (they ran side by side). */
const costOf = (slower: number[], faster: number[]) => 1 - median(slower.map((value, i) => value / faster[i]));
const verdict = (cost: number) =>
  `${cost < 0.1 ? 'PASS' : 'FAIL'} (median of the rounds' ratios: ${Math.abs(cost * 100).toFixed(1)} % ${cost < 0 ? 'more' : 'less'})`;

type Variant = 'before' | 'unchecked' | 'after';
const PORTS: Record<Variant, number> = { before: BEFORE_PORT, unchecked: UNCHECKED_PORT, after: AFTER_PORT };

async function main(): Promise<void> {
  const started = new Date();
  const host = machine();
  const after = await startAppUnderTest({ name: 'links-after', port: AFTER_PORT, database: DATABASE });
  const others: AppUnderTest[] = [];
  try {
    const before = await startAppUnderTest({
      name: 'links-before',
      port: BEFORE_PORT,
      database: DATABASE,
      keepDatabase: true,
      env: OFF,
    });
    others.push(before);
    const unchecked = await startAppUnderTest({
      name: 'links-unchecked',
      port: UNCHECKED_PORT,
      database: DATABASE,
      keepDatabase: true,
      env: UNCHECKED,
    });
    others.push(unchecked);
    const apps: Record<Variant, AppUnderTest> = { before, unchecked, after };
    // Servers on one core, the load generator on the other: a server competes with no one but the others.
    const pinned = [
      pinToCpu(process.pid, 0),
      ...Object.values(apps).map((app) => pinToCpu(app.server.child.pid!, 1)),
    ].every(Boolean);
    await furnish(after);
    const token = await after.login(LEARNER, 'lyluan-demo-2026');
    const screens = { before: await homeScreen(BEFORE_PORT, token), after: await homeScreen(AFTER_PORT, token) };
    const variants: Variant[] = ['before', 'unchecked', 'after'];
    const paths = [
      ['health', '/health', undefined],
      ['me', HOME[0], token],
    ] as const;
    const rate: Record<string, number[]> = {};
    const cpu: Record<string, number[]> = {};
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts with another server, so a load that rises or falls within a round favours none.
      const order = variants.map((_, i) => variants[(i + round) % variants.length]);
      for (const [measure, path, bearer] of paths) {
        for (const variant of order) {
          const key = `${measure}:${variant}`;
          const { result, cpuMicros } = await throughput(apps[variant], PORTS[variant], path, bearer);
          if (result.non2xx || result.errors)
            failures.push(`${key}: ${result.non2xx} not 2xx, ${result.errors} errors`);
          (rate[key] ??= []).push(result.requests.average);
          (cpu[key] ??= []).push(cpuMicros);
        }
      }
    }
    const row = (label: string, measure: string, target = '') =>
      `| ${label} | ${variants.map((v) => `${rps(rate[`${measure}:${v}`])}; ${micros(cpu[`${measure}:${v}`])} CPU a request`).join(' | ')} | ${target} |`;
    const table = [
      '| Measure | Before (compression, ETags, revocation off) | After, revocation check off | After | Target |',
      '| ------- | ------: | ------: | ----: | -----: |',
      `| Home screen cold: sent / received | ${kb(screens.before.cold.sent)} / ${kb(screens.before.cold.received)} | | ${kb(screens.after.cold.sent)} / ${kb(screens.after.cold.received)} | |`,
      `| Home screen revalidated: sent / received | ${kb(screens.before.again.sent)} / ${kb(screens.before.again.received)} (${screens.before.again.statuses.join(', ')}) | | ${kb(screens.after.again.sent)} / ${kb(screens.after.again.received)} (${screens.after.again.statuses.join(', ')}) | a few hundred bytes a screen |`,
      row('`GET /health`', 'health'),
      row(
        '`GET /me/enrollments`, authenticated',
        'me',
        `revocation check: after ≥ 90 % of "revocation check off": ${verdict(costOf(rate['me:after'], rate['me:unchecked']))}; the whole issue against before: ${Math.abs(costOf(rate['me:after'], rate['me:before']) * 100).toFixed(1)} % ${costOf(rate['me:after'], rate['me:before']) < 0 ? 'more' : 'less'}`,
      ),
    ].join('\n');
    writeResultsSection(
      join(BENCH_ROOT, 'bench', 'RESULTS.md'),
      'poor-links',
      `## Poor links: a learner's home screen on the wire, and what the checks cost

Written by \`bench/poor-links.ts\` (\`npm run bench\`); re-running replaces this section.

${runFacts(started, host)}
- App: three \`node dist/src/main.js\` (role \`all\`) on one fresh database \`${DATABASE}\` with the demo seed: port ${AFTER_PORT} as configured by default; port ${BEFORE_PORT} with \`${Object.entries(
        OFF,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(
          ' ',
        )}\` (the behaviour before issue 16); port ${UNCHECKED_PORT} with only \`SESSION_REVOCATION=false\`, so the revocation check's cost is after against it. LOG_LEVEL=warn. ${pinned ? 'Servers pinned to CPU 1, the harness to CPU 0 (`taskset`).' : 'Not pinned (no `taskset`).'}
- Home screen: \`${LEARNER}\` enrolled in a class with 8 sessions to come; ${HOME.map((p) => `\`GET ${p}\``).join(', ')}, each on a fresh connection with \`Accept-Encoding: br, gzip\`; bytes are what the sockets wrote and read, headers included. Revalidated: the same requests with \`If-None-Match\` of the cold answers (statuses in brackets).
- Throughput: autocannon ${LOAD.connections} connections, ${LOAD.duration} s, no \`Accept-Encoding\`, ${ROUNDS} rounds; each round runs the three servers in turn, starting with another one each round; \`/me/enrollments\` with the learner's bearer token. CPU a request: the server process's user + system time during the run (\`/proc/<pid>/stat\`) over the requests answered, median of the rounds.${failures.length ? `\n- Failures: ${failures.join('; ')}` : ''}

${table}`,
    );
    console.log(table);
  } finally {
    for (const app of others) await stopServer(app.server);
    await stopServer(after.server);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
