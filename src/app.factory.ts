import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest, LogController } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { registerCompression, registerConditionalGets } from './common/http-caching';
import { createRootLogger, QUIET, registerRequestLogging, requestId, requestLoggerFactory } from './common/logging';
import { problem } from './common/problem';
import { ProblemFilter, sendProblem, sendRouterProblem } from './common/problem.filter';
import { acceptMultipart } from './common/upload';
import { createValidationPipe } from './common/validation';
import { Environment, trustProxySetting } from './config/environment';
import { MetricsService } from './modules/health/metrics.service';
import { OverloadMonitor, registerShedding } from './modules/health/overload';
import { VERIFY_ROUTE } from './modules/certificates/verification.controller';
import { buildOpenApiDocument } from './openapi';
import { mountQueueBoard, QUEUE_BOARD_PATH } from './queue/board/queue-board';

export const API_PREFIX = 'api/v1';
/** Nest routes served outside `/api/v1`; with `/health`, the only routes a worker answers. */
export const OPERATIONS_ROUTES = ['health/ready', 'metrics'];
/** Also outside `/api/v1`: did:web resolves the issuer's DID document (and keys) at the host's root. */
export const WELL_KNOWN_ROUTES = ['.well-known/jwks.json', '.well-known/did.json'];
/** Public routes at the root too: the QR code's short verification address. */
/** Where a system admin gets the queue dashboard's cookie; a worker answers it too. */
const QUEUE_BOARD_SESSION_ROUTE = `/${API_PREFIX}/admin/queues/session`;
export const ROOT_ROUTES = [...OPERATIONS_ROUTES, ...WELL_KNOWN_ROUTES, VERIFY_ROUTE];

type ModuleImport = NonNullable<DynamicModule['imports']>[number];

export const LIVE = { status: 'ok' } as const;

/**
 * Builds the application exactly as it runs: adapter, prefix, pipes, filters, hooks and docs.
 * `main.ts` and the e2e tests both call this, so tests exercise the real wiring.
 */
export async function createApp(
  env: Environment,
  extra: ModuleImport[] = [],
  rootLogger = createRootLogger(env),
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger,
    // Fastify's two lines per request are replaced by one access-log line (registerRequestLogging).
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: requestLoggerFactory,
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: trustProxySetting(env.TRUST_PROXY),
    genReqId: (req: IncomingMessage) => requestId(req),
    return503OnClosing: true,
    frameworkErrors: sendRouterProblem,
  });
  const fastify = adapter.getInstance();
  // Liveness is answered by the HTTP layer itself: it proves the event loop serves, and a probe
  // every few seconds should cost next to nothing. Readiness goes through Nest (HealthController).
  fastify.get('/health', () => LIVE);
  registerRequestLogging(fastify);
  registerConditionalGets(fastify, env);

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(env, rootLogger, extra), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.setGlobalPrefix(API_PREFIX, { exclude: ROOT_ROUTES });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  acceptMultipart(fastify);
  await registerCompression(app, env);

  const metrics = app.get(MetricsService);
  registerShedding(fastify, app.get(OverloadMonitor), () => metrics.shedRequests.inc());
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (QUIET.test(request.url)) return done();
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });

  await mountQueueBoard(app);

  if (env.PROCESS_ROLE === 'worker') {
    const allowed = new Set(['/health', ...OPERATIONS_ROUTES.map((r) => `/${r}`), QUEUE_BOARD_SESSION_ROUTE]);
    fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
      const path = request.url.split('?')[0];
      // A worker-only deployment is inspected through the queue dashboard, entered as on the API.
      if (allowed.has(path) || path === QUEUE_BOARD_PATH || path.startsWith(`${QUEUE_BOARD_PATH}/`)) return done();
      sendProblem(
        reply,
        problem(404, {
          code: 'route_not_found',
          detail:
            'Tiến trình worker chỉ phục vụ /health, /health/ready, /metrics và bảng theo dõi hàng đợi /admin/queues.',
        }),
      );
    });
  } else {
    SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
      jsonDocumentUrl: 'docs-json',
      customSiteTitle: 'Lyluan API',
    });
  }
  try {
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
