import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { EventLoopUtilization, IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { QUIET } from '../../common/logging';
import { sendProblem } from '../../common/problem.filter';
import { Environment } from '../../config/environment';
import { PoolQueue } from '../../database/pool-queue';
import { overloaded } from './health.errors';

/** What the event loop did over the last sample window, and the database pool's queue now. */
export interface LoadSample {
  /** Mean delay of a ready callback, in ms. */
  eventLoopDelayMs: number;
  /** Share of the window the loop was busy, 0–1. */
  eventLoopUtilization: number;
  /** Queries waiting for a connection of the primary's pool. */
  databaseWaiting: number;
}

export interface OverloadLimits {
  /** 0: not checked. */
  maxEventLoopDelayMs: number;
  /** 0: not checked. */
  maxEventLoopUtilization: number;
  /** 0: not checked. */
  maxDatabaseWaiting: number;
}

export type OverloadReason = 'event_loop_delay' | 'event_loop_utilization' | 'database_waiting';

/** The pressure rule: which limit a sample passes, if any. */
export function exceededLimit(sample: LoadSample, limits: OverloadLimits): OverloadReason | null {
  if (limits.maxEventLoopDelayMs > 0 && sample.eventLoopDelayMs > limits.maxEventLoopDelayMs) {
    return 'event_loop_delay';
  }
  if (limits.maxEventLoopUtilization > 0 && sample.eventLoopUtilization > limits.maxEventLoopUtilization) {
    return 'event_loop_utilization';
  }
  if (limits.maxDatabaseWaiting > 0 && sample.databaseWaiting > limits.maxDatabaseWaiting) {
    return 'database_waiting';
  }
  return null;
}

/** Short enough that shedding starts and stops within a second, long enough to smooth a GC pause. */
export const SAMPLE_INTERVAL_MS = 500;
const RESOLUTION_MS = 10;

type EventLoopSample = Omit<LoadSample, 'databaseWaiting'>;

/**
 * Says whether the process is past its capacity, for the shedding hook, readiness and metrics: the
 * event loop measured every SAMPLE_INTERVAL_MS (perf_hooks, no dependency), and the primary pool's
 * queue read at each request, since under a database that cannot keep up a request would otherwise
 * wait out DATABASE_CONNECT_TIMEOUT_MS for each of its statements in turn. Off in the worker role,
 * which answers no API request, and when every OVERLOAD_* limit is 0.
 */
@Injectable()
export class OverloadMonitor implements OnModuleInit, OnApplicationShutdown {
  readonly limits: OverloadLimits;
  private eventLoop: EventLoopSample = { eventLoopDelayMs: 0, eventLoopUtilization: 0 };
  private histogram?: IntervalHistogram;
  private utilization?: EventLoopUtilization;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly env: Environment,
    private readonly poolQueue: PoolQueue,
  ) {
    this.limits = {
      maxEventLoopDelayMs: env.OVERLOAD_MAX_LOOP_DELAY_MS,
      maxEventLoopUtilization: env.OVERLOAD_MAX_LOOP_UTILIZATION,
      maxDatabaseWaiting: env.OVERLOAD_MAX_DATABASE_WAITING,
    };
  }

  get enabled(): boolean {
    const { maxEventLoopDelayMs, maxEventLoopUtilization, maxDatabaseWaiting } = this.limits;
    return (
      this.env.PROCESS_ROLE !== 'worker' &&
      (maxEventLoopDelayMs > 0 || maxEventLoopUtilization > 0 || maxDatabaseWaiting > 0)
    );
  }

  get sample(): LoadSample {
    return { ...this.eventLoop, databaseWaiting: this.poolQueue.waiting };
  }

  /** The limit the process is past, if any. */
  get reason(): OverloadReason | null {
    return exceededLimit(this.sample, this.limits);
  }

  get overloaded(): boolean {
    return this.reason !== null;
  }

  onModuleInit(): void {
    if (!this.enabled) return;
    this.histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.histogram.enable();
    this.utilization = performance.eventLoopUtilization();
    this.timer = setInterval(() => this.record(this.measure()), SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.histogram?.disable();
  }

  record(sample: EventLoopSample): void {
    this.eventLoop = sample;
  }

  /** The window since the last call; the histogram's timer itself adds RESOLUTION_MS to every delay. */
  private measure(): EventLoopSample {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, this.utilization).utilization;
    this.utilization = now;
    const mean = this.histogram!.count > 0 ? this.histogram!.mean / 1e6 : RESOLUTION_MS;
    this.histogram!.reset();
    return { eventLoopDelayMs: Math.max(0, mean - RESOLUTION_MS), eventLoopUtilization: busy };
  }
}

/**
 * Past capacity an API request is answered 503 `overloaded` with Retry-After before anything else
 * runs (no auth, no body parsing, no database), so a shed request costs next to nothing. The probes
 * and `/metrics` are never shed: readiness says the pressure itself.
 */
export function registerShedding(fastify: FastifyInstance, monitor: OverloadMonitor, onShed: () => void): void {
  if (!monitor.enabled) return;
  // Built once: under pressure every shed request sends the same answer.
  const { problem, headers } = overloaded();
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!monitor.overloaded || QUIET.test(request.url)) return done();
    onShed();
    sendProblem(reply, problem, headers);
  });
}
