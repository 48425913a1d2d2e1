import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { assertPostgresReachable, assertRedisReachable, UnreachableServiceError } from '../common/connectivity';
import { createRootLogger, startupLogger } from '../common/logging';
import { ConfigError, loadEnvironment, readEnvFile } from '../config/environment';
import { prepareDatabase } from '../database/prepare-database';

/**
 * Runs an operator's command (`npm run …`) in the application's context, API role, on a migrated
 * database; an unreachable service or a bad setting ends it with one line and status 1.
 */
export function runCommand(name: string, command: (app: INestApplicationContext) => Promise<void>): void {
  const run = async () => {
    // The API role: the command does its work and leaves any jobs it causes to the workers.
    const env = loadEnvironment({ ...readEnvFile(), ...process.env, PROCESS_ROLE: 'api' });
    const rootLogger = createRootLogger(env);
    Logger.overrideLogger(startupLogger(rootLogger));
    await assertPostgresReachable(env.DATABASE_URL);
    await assertRedisReachable(env.REDIS_URL);
    await prepareDatabase(env, { seed: false });
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(env, rootLogger), { logger: false });
    try {
      await command(app);
    } finally {
      await app.close();
    }
  };
  run().catch((error: unknown) => {
    const expected = error instanceof ConfigError || error instanceof UnreachableServiceError;
    console.error(`lyluan: ${name} failed: ${expected ? (error as Error).message : String((error as Error).stack)}`);
    process.exit(1);
  });
}
