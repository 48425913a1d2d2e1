import { Controller, Get, Header, Headers, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { notFound, ProblemException } from '../../common/problem';
import { Environment } from '../../config/environment';
import { withTimeout } from '../../common/timeout';
import { RedisConnections } from '../../queue/redis-connections';
import { Public } from '../auth/auth.decorators';
import { LOAD_CHECK, notReady } from './health.errors';
import { MetricsService } from './metrics.service';
import { OverloadMonitor } from './overload';

const CHECK_TIMEOUT_MS = 2000;

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisConnections,
    private readonly metrics: MetricsService,
    private readonly overload: OverloadMonitor,
    private readonly env: Environment,
  ) {}

  /** Readiness: PostgreSQL and Redis answer and the process is not shedding; a 503 names what is not. */
  @Get('health/ready')
  @ApiOkResponse({ schema: { example: { status: 'ok', checks: { postgres: 'up', redis: 'up' } } } })
  @ApiOperation({
    summary: 'Readiness: PostgreSQL and Redis answer, the process is not overloaded',
    description:
      'For the load balancer or orchestrator: 200 when both answer within 2 s, else 503 naming what is down. ' +
      'While the process sheds load (`OVERLOAD_*` settings) it is 503 at once with `checks.load: overloaded`, ' +
      'so the balancer steers traffic to other processes. Public.',
  })
  @ApiProblems(
    { problem: notReady({ postgres: 'up', redis: 'down' }), when: 'a dependency does not answer' },
    { problem: notReady({ [LOAD_CHECK]: 'overloaded' }), when: 'the process is shedding load' },
  )
  async ready(): Promise<{ status: 'ok'; checks: Record<string, string> }> {
    // No pings then: they would wait behind the very backlog that is being shed.
    if (this.overload.overloaded) throw notReady({ [LOAD_CHECK]: 'overloaded' });
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('postgres', { timeout: CHECK_TIMEOUT_MS }),
        () => this.pingRedis(),
      ]);
      return { status: 'ok', checks: summarize(result) };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      throw notReady(summarize(error.getResponse() as HealthCheckResult));
    }
  }

  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('cache-control', 'no-store')
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (this.env.METRICS_TOKEN) {
      if (!this.metrics.authorized(authorization)) {
        throw new ProblemException(HttpStatus.UNAUTHORIZED, {
          code: 'metrics_token_required',
          detail: 'Cần gửi Authorization: Bearer <METRICS_TOKEN> để đọc /metrics.',
        });
      }
    } else if (this.env.METRICS_PORT) {
      // Served on their own port instead, so the API port does not show them to anyone.
      throw notFound();
    }
    const body = await this.metrics.registry.metrics();
    void reply.header('content-type', this.metrics.registry.contentType).send(body);
  }

  private async pingRedis() {
    const indicator = this.indicators.check('redis');
    try {
      await withTimeout(this.redis.client.ping(), CHECK_TIMEOUT_MS, 'PING');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

function summarize(result: HealthCheckResult): Record<string, string> {
  return Object.fromEntries(Object.entries(result.details ?? {}).map(([name, d]) => [name, d.status]));
}
