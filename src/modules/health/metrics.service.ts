import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Environment } from '../../config/environment';
import { ReadReplica } from '../../database/read-replica';
import { OutboxService } from '../../queue/outbox.service';
import { QueueService } from '../../queue/queue.service';
import { OverloadMonitor } from './overload';

/** Prometheus metrics of this process; a registry of its own so test apps in one process do not clash. */
@Injectable()
export class MetricsService implements OnApplicationShutdown {
  private readonly logger = new Logger(MetricsService.name);
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly shedRequests: Counter;
  private readonly tokenDigest: Buffer | null;
  private server?: Server;

  constructor(
    queues: QueueService,
    outbox: OutboxService,
    replica: ReadReplica,
    overload: OverloadMonitor,
    private readonly env: Environment,
  ) {
    this.tokenDigest = env.METRICS_TOKEN ? digest(env.METRICS_TOKEN) : null;
    collectDefaultMetrics({ register: this.registry, prefix: 'lyluan_' });
    this.httpDuration = new Histogram({
      name: 'lyluan_http_request_duration_seconds',
      help: 'HTTP request latency by route template',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    const logger = this.logger;
    new Gauge({
      name: 'lyluan_queue_jobs',
      help: 'BullMQ jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const depths = await queues.depths().catch((error: Error) => {
          logger.warn(`Queue depths unavailable: ${error.message}`);
          return {};
        });
        for (const [queue, counts] of Object.entries(depths)) {
          for (const [state, count] of Object.entries(counts)) this.set({ queue, state }, count);
        }
      },
    });
    new Gauge({
      name: 'lyluan_outbox_events',
      help: 'Outbox events not yet handled, by status (pending, enqueued, dead)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const backlog = await outbox.backlog();
        for (const [status, count] of Object.entries(backlog)) this.set({ status }, count);
      },
    });
    new Gauge({
      name: 'lyluan_queue_lag_seconds',
      help: 'Age of the oldest job waiting to run, per queue (0 when none waits)',
      labelNames: ['queue'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const lags = await queues.lags().catch((error: Error) => {
          logger.warn(`Queue lag unavailable: ${error.message}`);
          return {};
        });
        for (const [queue, seconds] of Object.entries(lags)) this.set({ queue }, seconds);
      },
    });
    new Gauge({
      name: 'lyluan_outbox_lag_seconds',
      help: 'Age of the oldest outbox event due but not yet relayed (0 when none)',
      registers: [this.registry],
      async collect() {
        this.set(await outbox.lagSeconds());
      },
    });
    this.shedRequests = new Counter({
      name: 'lyluan_overload_shed_requests_total',
      help: 'Requests answered 503 overloaded without being served',
      registers: [this.registry],
    });
    if (overload.enabled) this.overloadGauges(overload);
    if (replica.configured) this.replicaGauges(replica);
  }

  /** The measurement the shedding rule reads, so an operator sees how close the process is to it. */
  private overloadGauges(overload: OverloadMonitor): void {
    const gauges: [name: string, help: string, read: () => number][] = [
      [
        'lyluan_overloaded',
        'Whether the process is shedding requests (OVERLOAD_* limits passed): 1 or 0',
        () => (overload.overloaded ? 1 : 0),
      ],
      [
        'lyluan_overload_event_loop_delay_seconds',
        'Mean event-loop delay over the last half second, as the shedding rule reads it',
        () => overload.sample.eventLoopDelayMs / 1000,
      ],
      [
        'lyluan_overload_database_waiting',
        "Statements waiting for a connection of the primary's pool, as the shedding rule reads it",
        () => overload.sample.databaseWaiting,
      ],
      [
        'lyluan_overload_event_loop_utilization',
        'Share of the last half second the event loop was busy (0-1), as the shedding rule reads it',
        () => overload.sample.eventLoopUtilization,
      ],
    ];
    for (const [name, help, read] of gauges) {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    }
  }

  /** How far behind the replica is, read from the replica itself, and whether it answers at all. */
  private replicaGauges(replica: ReadReplica): void {
    const logger = this.logger;
    // One query per scrape for both gauges: the registry collects them side by side.
    let probe: Promise<number | null> | undefined;
    const measure = () =>
      (probe ??= replica
        .lagSeconds()
        .catch((error: Error) => {
          logger.warn(`Replica lag unavailable: ${error.message}`);
          return null;
        })
        .finally(() => (probe = undefined)));
    new Gauge({
      name: 'lyluan_replica_up',
      help: 'Whether the read replica (DATABASE_READ_URL) answered this scrape: 1 or 0',
      registers: [this.registry],
      async collect() {
        this.set((await measure()) === null ? 0 : 1);
      },
    });
    new Gauge({
      name: 'lyluan_replica_lag_seconds',
      help: 'How far the read replica replays behind the primary, in seconds (0 when caught up)',
      registers: [this.registry],
      async collect() {
        // NaN, not a stale or a zero figure, while the replica does not answer.
        this.set((await measure()) ?? NaN);
      },
    });
  }

  /** `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time. */
  authorized(authorization: string | undefined): boolean {
    const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    return !!this.tokenDigest && !!presented && timingSafeEqual(digest(presented), this.tokenDigest);
  }

  /** METRICS_PORT: the metrics alone on an internal interface, for a scraper that sends no token. */
  async serveSeparately(): Promise<void> {
    if (!this.env.METRICS_PORT) return;
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (body) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(body),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject).listen(this.env.METRICS_PORT, this.env.METRICS_HOST, resolve);
    });
    this.logger.log(`Metrics on http://${this.env.METRICS_HOST}:${this.env.METRICS_PORT}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }

  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status_code: String(statusCode) }, seconds);
  }
}

const digest = (token: string) => createHash('sha256').update(token).digest();
