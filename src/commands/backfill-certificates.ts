import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { assertPostgresReachable, assertRedisReachable, UnreachableServiceError } from '../common/connectivity';
import { createRootLogger, startupLogger } from '../common/logging';
import { ConfigError, loadEnvironment, readEnvFile } from '../config/environment';
import { prepareDatabase } from '../database/prepare-database';
import { CertificateIssuanceService } from '../modules/certificates/certificate-issuance.service';

/**
 * `npm run certificates:backfill`: issues the certificates of enrolments that completed before
 * certificates existed, then exits. Idempotent; the worker also runs it at each start.
 */
async function main(): Promise<void> {
  // The API role: this process issues and leaves the PDFs to the workers.
  const env = loadEnvironment({ ...readEnvFile(), ...process.env, PROCESS_ROLE: 'api' });
  const rootLogger = createRootLogger(env);
  Logger.overrideLogger(startupLogger(rootLogger));
  await assertPostgresReachable(env.DATABASE_URL);
  await assertRedisReachable(env.REDIS_URL);
  await prepareDatabase(env, { seed: false });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(env, rootLogger), { logger: false });
  try {
    const issued = await app.get(CertificateIssuanceService).backfill();
    process.stdout.write(`lyluan: backfill issued ${issued} certificates\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  const expected = error instanceof ConfigError || error instanceof UnreachableServiceError;
  console.error(`lyluan: backfill failed: ${expected ? (error as Error).message : String((error as Error).stack)}`);
  process.exit(1);
});
