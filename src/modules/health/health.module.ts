import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { MetricsService } from './metrics.service';
import { OverloadMonitor } from './overload';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [MetricsService, OverloadMonitor],
  exports: [MetricsService, OverloadMonitor],
})
export class HealthModule {}
