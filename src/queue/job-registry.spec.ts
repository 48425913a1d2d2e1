import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { JobRegistry } from './job-registry';
import { JobHandlerConfigError, JobWorkers } from './job-workers';
import type { RedisConnections } from './redis-connections';
import type { Topic } from './topics';

/** Workers over a registry and no providers: only the declaration checks can speak. */
function workersOf(registry: JobRegistry): JobWorkers {
  const discovery = { getProviders: () => [] } as unknown as DiscoveryService;
  return new JobWorkers(
    discovery,
    new MetadataScanner(),
    new Reflector(),
    registry,
    {} as RedisConnections,
    {} as Environment,
    {} as DataSource,
  );
}

function problemsOf(registry: JobRegistry): string[] {
  try {
    workersOf(registry).resolveHandlers();
  } catch (error) {
    if (error instanceof JobHandlerConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('worker start-up checks of the job declarations', () => {
  it('refuses a subscriber of an unknown topic', () => {
    const registry = new JobRegistry();
    registry.register({ name: 'exams.grade-typo', topic: 'attempt.submited' as Topic, queue: 'grading' });
    expect(problemsOf(registry)).toContain('subscriber "exams.grade-typo" is for unknown topic "attempt.submited"');
  });

  it('refuses two definitions with one name, subscribers or scheduled jobs', () => {
    const registry = new JobRegistry();
    registry.register({ name: 'enrollments.on-close', topic: 'class.closed', queue: 'system' });
    registry.register({ name: 'enrollments.on-close', topic: 'enrollment.withdrawn', queue: 'system' });
    registry.register({ name: 'outbox.purge', queue: 'system', schedule: '17 3 * * *' });
    registry.register({ name: 'outbox.purge', queue: 'system', schedule: '18 3 * * *' });
    expect(problemsOf(registry)).toEqual(
      expect.arrayContaining(['job "enrollments.on-close" is declared twice', 'job "outbox.purge" is declared twice']),
    );
  });

  it('accepts any number of subscribers of one topic, and a topic nobody subscribes to', () => {
    const registry = new JobRegistry();
    registry.register({ name: 'certificates.issue', topic: 'enrollment.completed', queue: 'certificates' });
    registry.register({ name: 'notifications.congratulate', topic: 'enrollment.completed', queue: 'notifications' });
    expect(registry.problems()).toEqual([]);
    expect(registry.subscribersOf('enrollment.completed')).toEqual([
      'certificates.issue',
      'notifications.congratulate',
    ]);
    expect(registry.subscribersOf('class.closed')).toEqual([]);
    expect(() => registry.subscribersOf('no.such-topic')).toThrow('Unknown outbox topic no.such-topic');
  });
});
