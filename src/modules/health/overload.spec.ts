import Fastify from 'fastify';
import type { PoolQueue } from '../../database/pool-queue';
import { loadEnvironment } from '../../config/environment';
import { exceededLimit, OverloadMonitor, registerShedding, SAMPLE_INTERVAL_MS } from './overload';

const calm = { eventLoopDelayMs: 5, eventLoopUtilization: 0.4, databaseWaiting: 3 };

describe('exceededLimit', () => {
  const limits = { maxEventLoopDelayMs: 200, maxEventLoopUtilization: 0.95, maxDatabaseWaiting: 50 };

  it('is null while every measurement is within its limit, even at it', () => {
    expect(exceededLimit(calm, limits)).toBeNull();
    expect(
      exceededLimit({ eventLoopDelayMs: 200, eventLoopUtilization: 0.95, databaseWaiting: 50 }, limits),
    ).toBeNull();
  });

  it('names the limit a sample passes', () => {
    expect(exceededLimit({ ...calm, eventLoopDelayMs: 201 }, limits)).toBe('event_loop_delay');
    expect(exceededLimit({ ...calm, eventLoopUtilization: 0.99 }, limits)).toBe('event_loop_utilization');
    expect(exceededLimit({ ...calm, databaseWaiting: 51 }, limits)).toBe('database_waiting');
  });

  it('never sheds on a limit set to 0', () => {
    const off = { maxEventLoopDelayMs: 0, maxEventLoopUtilization: 0, maxDatabaseWaiting: 0 };
    expect(
      exceededLimit({ eventLoopDelayMs: 60_000, eventLoopUtilization: 1, databaseWaiting: 10_000 }, off),
    ).toBeNull();
  });
});

const queue = { waiting: 0 };

function monitor(settings: Record<string, string>): OverloadMonitor {
  const off = { OVERLOAD_MAX_LOOP_DELAY_MS: '0', OVERLOAD_MAX_DATABASE_WAITING: '0' };
  return new OverloadMonitor(loadEnvironment({ NODE_ENV: 'test', ...off, ...settings }), queue as PoolQueue);
}

describe('OverloadMonitor', () => {
  it('is off in the worker role and with every limit at 0', () => {
    expect(monitor({ OVERLOAD_MAX_LOOP_DELAY_MS: '100' }).enabled).toBe(true);
    expect(monitor({ OVERLOAD_MAX_LOOP_DELAY_MS: '100', PROCESS_ROLE: 'worker' }).enabled).toBe(false);
    expect(monitor({}).enabled).toBe(false);
    expect(monitor({ OVERLOAD_MAX_LOOP_UTILIZATION: '0.9' }).enabled).toBe(true);
    expect(monitor({ OVERLOAD_MAX_DATABASE_WAITING: '20' }).enabled).toBe(true);
  });

  it('turns overloaded with a sample past a limit and back with a calm one', () => {
    const m = monitor({ OVERLOAD_MAX_LOOP_DELAY_MS: '100' });
    m.record({ ...calm, eventLoopDelayMs: 150 });
    expect(m.overloaded).toBe(true);
    expect(m.reason).toBe('event_loop_delay');
    m.record(calm);
    expect(m.overloaded).toBe(false);
  });

  it("reads the pool's queue at the moment it is asked", () => {
    const m = monitor({ OVERLOAD_MAX_DATABASE_WAITING: '20' });
    queue.waiting = 21;
    expect(m.reason).toBe('database_waiting');
    expect(m.sample.databaseWaiting).toBe(21);
    queue.waiting = 20;
    expect(m.overloaded).toBe(false);
  });

  it('measures a busy event loop as delayed and fully used', async () => {
    const m = monitor({ OVERLOAD_MAX_LOOP_DELAY_MS: '50', OVERLOAD_MAX_LOOP_UTILIZATION: '0.9' });
    queue.waiting = 0;
    m.onModuleInit();
    try {
      // Busy for 150 ms at a time with a turn of the loop in between, as under a backlog of requests.
      const until = Date.now() + 3 * SAMPLE_INTERVAL_MS;
      while (Date.now() < until) {
        const chunk = Date.now() + 150;
        while (Date.now() < chunk);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(m.overloaded).toBe(true);
      expect(m.sample.eventLoopDelayMs).toBeGreaterThan(50);
      expect(m.sample.eventLoopUtilization).toBeGreaterThan(0.9);
      await new Promise((resolve) => setTimeout(resolve, 3 * SAMPLE_INTERVAL_MS));
      expect(m.overloaded).toBe(false);
    } finally {
      m.onApplicationShutdown();
    }
  });
});

describe('registerShedding', () => {
  it('answers 503 overloaded with Retry-After before the route runs, except the probes and metrics', async () => {
    const m = monitor({ OVERLOAD_MAX_LOOP_DELAY_MS: '100' });
    queue.waiting = 0;
    const fastify = Fastify();
    let shed = 0;
    let served = 0;
    registerShedding(fastify, m, () => shed++);
    for (const path of ['/api/v1/me', '/health', '/health/ready', '/metrics']) {
      fastify.get(path, () => {
        served++;
        return { ok: true };
      });
    }
    m.record({ ...calm, eventLoopDelayMs: 500 });
    const refused = await fastify.inject('/api/v1/me');
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ status: 503, code: 'overloaded' });
    expect(refused.json().detail).toContain('quá tải');
    expect([shed, served]).toEqual([1, 0]);
    for (const path of ['/health', '/health/ready', '/metrics?x=1']) {
      expect((await fastify.inject(path)).statusCode).toBe(200);
    }
    m.record(calm);
    expect((await fastify.inject('/api/v1/me')).statusCode).toBe(200);
    expect([shed, served]).toEqual([1, 4]);
    await fastify.close();
  });
});
