import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { createRootLogger, startupLogger } from './common/logging';
import { assertPostgresReachable, assertRedisReachable, UnreachableServiceError } from './common/connectivity';
import { ConfigError, Environment, loadEnvironment } from './config/environment';
import { prepareDatabase } from './database/prepare-database';
import { gracefulShutdown } from './lifecycle';
import { JobHandlerConfigError } from './queue/job-workers';
import { MetricsService } from './modules/health/metrics.service';

/** Errors whose message is the whole story: print one line, no stack trace. */
const EXPECTED = [ConfigError, UnreachableServiceError, JobHandlerConfigError];

function fail(error: unknown): never {
  if (EXPECTED.some((kind) => error instanceof kind)) {
    console.error(`lyluan: ${(error as Error).message}`);
  } else {
    console.error('lyluan: failed to start:', error);
  }
  process.exit(1);
}

function onSignal(app: NestFastifyApplication, env: Environment, signal: NodeJS.Signals): void {
  const hardStop = setTimeout(() => {
    console.error(`lyluan: shutdown took longer than ${env.SHUTDOWN_TIMEOUT_MS + 10_000} ms; exiting`);
    process.exit(1);
  }, env.SHUTDOWN_TIMEOUT_MS + 10_000);
  hardStop.unref();
  gracefulShutdown(app, signal).then(() => process.exit(0), fail);
}

async function main(): Promise<void> {
  const env = loadEnvironment();
  const rootLogger = createRootLogger(env);
  Logger.overrideLogger(startupLogger(rootLogger));
  await assertPostgresReachable(env.DATABASE_URL);
  // TypeORM opens the replica's pool at start-up too: say so in one line rather than retry and crash.
  if (env.DATABASE_READ_URL) await assertPostgresReachable(env.DATABASE_READ_URL, 'DATABASE_READ_URL');
  await assertRedisReachable(env.REDIS_URL);
  await prepareDatabase(env);
  const app = await createApp(env, [], rootLogger);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => onSignal(app, env, signal));
  }
  await app.listen(env.PORT, env.HOST);
  await app.get(MetricsService).serveSeparately();
  new Logger('Lyluan').log(
    `Serving role "${env.PROCESS_ROLE}" on ${env.HOST}:${env.PORT} (public URL ${env.PUBLIC_BASE_URL})`,
  );
}

main().catch(fail);
