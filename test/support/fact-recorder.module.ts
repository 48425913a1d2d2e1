import { Injectable, Module } from '@nestjs/common';
import { JobHandler } from '../../src/queue/job-handler.decorator';
import { QueueModule } from '../../src/queue/queue.module';
import type { Topic } from '../../src/queue/topics';

/**
 * Facts no feature subscribes to yet are stored for nobody. This module subscribes to them, so a
 * spec can read from `outbox_events` that they were published (one row per topic and event).
 */
export const RECORDED_TOPICS = [
  'class.closed',
  'enrollment.completed',
  'enrollment.failed',
  'enrollment.withdrawn',
  'webhook.disabled',
] as const satisfies readonly Topic[];

const recorderOf = (topic: Topic) => `probe.record-${topic}`;

@Injectable()
class FactRecorder {
  @JobHandler(recorderOf('class.closed'))
  async classClosed(): Promise<void> {}

  @JobHandler(recorderOf('enrollment.completed'))
  async completed(): Promise<void> {}

  @JobHandler(recorderOf('enrollment.failed'))
  async failed(): Promise<void> {}

  @JobHandler(recorderOf('enrollment.withdrawn'))
  async withdrawn(): Promise<void> {}

  @JobHandler(recorderOf('webhook.disabled'))
  async webhookDisabled(): Promise<void> {}
}

@Module({
  imports: [
    QueueModule.forFeature(RECORDED_TOPICS.map((topic) => ({ name: recorderOf(topic), topic, queue: 'system' }))),
  ],
  providers: [FactRecorder],
})
export class FactRecorderModule {}
