import { Global, Module } from '@nestjs/common';
import { QueueModule } from '../queue/queue.module';
import { IdempotencyPurgeHandler, IDEMPOTENCY_PURGE_JOB } from './idempotency-purge.handler';
import { IdempotencyInterceptor } from './idempotency.interceptor';

@Global()
@Module({
  imports: [
    QueueModule.forFeature([{ name: IDEMPOTENCY_PURGE_JOB, queue: 'system', attempts: 3, schedule: '29 3 * * *' }]),
  ],
  providers: [IdempotencyInterceptor, IdempotencyPurgeHandler],
  exports: [IdempotencyInterceptor],
})
export class IdempotencyModule {}
