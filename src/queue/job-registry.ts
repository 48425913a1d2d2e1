import { Injectable } from '@nestjs/common';

/** The queues that exist; a job definition names one of them. */
export const QUEUE_NAMES = ['system', 'imports', 'grading', 'certificates', 'notifications'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobDefinition {
  /** Job name and outbox topic, e.g. `outbox.purge`. */
  name: string;
  queue: QueueName;
  /** Attempts before the event is dead; defaults to JOB_MAX_ATTEMPTS. */
  attempts?: number;
  /** A cron pattern (in DEFAULT_TIMEZONE) for housekeeping jobs the worker schedules itself. */
  schedule?: string;
  /**
   * For high-volume topics (grading): the relay packs up to this many due events into one job,
   * handled by a `@BatchJobHandler` in one transaction.
   */
  batch?: number;
}

/**
 * Every job name the system knows and the queue that runs it. Features declare theirs with
 * `QueueModule.forFeature`; producers may only publish declared names, and the worker refuses to
 * start unless each one has exactly one handler.
 */
@Injectable()
export class JobRegistry {
  private readonly definitions = new Map<string, JobDefinition>();

  register(definition: JobDefinition): void {
    const existing = this.definitions.get(definition.name);
    if (existing && existing.queue !== definition.queue) {
      throw new Error(`Job ${definition.name} is declared for queues ${existing.queue} and ${definition.queue}`);
    }
    this.definitions.set(definition.name, definition);
  }

  get(name: string): JobDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`Job ${name} is not declared in any QueueModule.forFeature`);
    return definition;
  }

  all(): JobDefinition[] {
    return [...this.definitions.values()];
  }

  queuesInUse(): QueueName[] {
    return [...new Set(this.all().map((d) => d.queue))].sort();
  }
}
