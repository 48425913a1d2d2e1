import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueBoardController } from './board/queue-board.controller';
import { QueueBoardPasses } from './board/queue-board';
import { JobDefinition, JobRegistry } from './job-registry';
import { JobWorkers } from './job-workers';
import { OUTBOX_PURGE_JOB, OutboxPurgeHandler } from './outbox-purge.handler';
import { OutboxController } from './outbox.controller';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';
import { QueueService } from './queue.service';
import { RedisConnections } from './redis-connections';
import { WorkerLifecycle } from './worker-lifecycle';

@Module({})
class JobDefinitionsModule {}

let featureCount = 0;

@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [OutboxController, QueueBoardController],
  providers: [
    JobRegistry,
    RedisConnections,
    QueueService,
    OutboxService,
    OutboxRelay,
    JobWorkers,
    OutboxPurgeHandler,
    WorkerLifecycle,
    QueueBoardPasses,
  ],
  exports: [JobRegistry, RedisConnections, QueueService, OutboxService, OutboxRelay, JobWorkers, QueueBoardPasses],
})
export class QueueModule {
  /**
   * Declares a feature's subscribers (`{ name, topic, queue, attempts?, batch? }`: each event of the
   * topic becomes a job of that name) and scheduled jobs (`{ name, queue, schedule, attempts? }`).
   * A method marked `@JobHandler(name)` or `@BatchJobHandler(name)` handles each.
   */
  static forFeature(definitions: JobDefinition[]): DynamicModule {
    const token = `JOB_DEFINITIONS_${featureCount++}`;
    return {
      module: JobDefinitionsModule,
      providers: [
        {
          provide: token,
          useFactory: (registry: JobRegistry) => definitions.forEach((d) => registry.register(d)),
          inject: [JobRegistry],
        },
      ],
    };
  }
}

/** The platform's own jobs. */
export const PLATFORM_JOBS: JobDefinition[] = [
  { name: OUTBOX_PURGE_JOB, queue: 'system', attempts: 3, schedule: '17 3 * * *' },
];
