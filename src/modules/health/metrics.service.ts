import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { OutboxService } from '../../queue/outbox.service';
import { QueueService } from '../../queue/queue.service';

/** Prometheus metrics of this process; a registry of its own so test apps in one process do not clash. */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(queues: QueueService, outbox: OutboxService) {
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
  }

  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status_code: String(statusCode) }, seconds);
  }
}
