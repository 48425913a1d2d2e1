import { Injectable } from '@nestjs/common';
import { Topic, TOPICS } from './topics';

/** The queues that exist; a job definition names one of them. */
export const QUEUE_NAMES = ['system', 'imports', 'grading', 'certificates', 'notifications', 'webhooks'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** A feature's reaction to a topic: every event of the topic becomes one job of this subscriber. */
export interface SubscriberDefinition {
  /** Subscriber and job name, `<feature>.<reaction>`, e.g. `enrollments.progress-on-attendance`. */
  name: string;
  topic: Topic;
  queue: QueueName;
  /** Attempts before the subscriber's row is dead; defaults to JOB_MAX_ATTEMPTS. */
  attempts?: number;
  /**
   * For high-volume topics (grading): the relay packs up to this many due events into one job,
   * handled by a `@BatchJobHandler` in one transaction.
   */
  batch?: number;
  schedule?: never;
}

/** Housekeeping the worker schedules itself; no outbox event behind it. */
export interface ScheduledJobDefinition {
  /** Job name, e.g. `outbox.purge`. */
  name: string;
  queue: QueueName;
  /** A cron pattern in DEFAULT_TIMEZONE. */
  schedule: string;
  attempts?: number;
  topic?: never;
  batch?: never;
}

export type JobDefinition = SubscriberDefinition | ScheduledJobDefinition;

export const isSubscriber = (definition: JobDefinition): definition is SubscriberDefinition => 'topic' in definition;

/**
 * Every subscriber and scheduled job the system knows and the queue that runs it. Features declare
 * theirs with `QueueModule.forFeature`; the worker refuses to start while `problems()` finds any,
 * or unless each one has exactly one handler.
 */
@Injectable()
export class JobRegistry {
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly topics = new Set<string>(TOPICS);
  private readonly declarationProblems: string[] = [];

  register(definition: JobDefinition): void {
    if (this.definitions.has(definition.name)) {
      this.declarationProblems.push(`job "${definition.name}" is declared twice`);
      return;
    }
    this.definitions.set(definition.name, definition);
  }

  /** Topics outside the topic map, for test probes only. */
  addTopics(topics: string[]): void {
    for (const topic of topics) this.topics.add(topic);
  }

  /** What is wrong with the declarations: names declared twice, subscribers of unknown topics. */
  problems(): string[] {
    const unknown = this.all()
      .filter(isSubscriber)
      .filter((d) => !this.topics.has(d.topic));
    return [
      ...this.declarationProblems,
      ...unknown.map((d) => `subscriber "${d.name}" is for unknown topic "${d.topic}"`),
    ];
  }

  get(name: string): JobDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`Job ${name} is not declared in any QueueModule.forFeature`);
    return definition;
  }

  /** The subscriber's definition, or undefined when no feature declares it (any more). */
  subscriber(name: string): SubscriberDefinition | undefined {
    const definition = this.definitions.get(name);
    return definition && isSubscriber(definition) ? definition : undefined;
  }

  /** Names of the subscribers of a topic; throws for a topic that does not exist. */
  subscribersOf(topic: string): string[] {
    if (!this.topics.has(topic)) throw new Error(`Unknown outbox topic ${topic}`);
    return this.all()
      .filter(isSubscriber)
      .filter((d) => d.topic === topic)
      .map((d) => d.name);
  }

  scheduled(): ScheduledJobDefinition[] {
    return this.all().filter((d): d is ScheduledJobDefinition => !isSubscriber(d));
  }

  all(): JobDefinition[] {
    return [...this.definitions.values()];
  }

  queuesInUse(): QueueName[] {
    return [...new Set(this.all().map((d) => d.queue))].sort();
  }
}
