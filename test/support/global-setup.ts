import { Logger } from '@nestjs/common';
import { loadEnvironment } from '../../src/config/environment';
import { prepareDatabase } from '../../src/database/prepare-database';
import { databaseUrl, dropDatabases, runPrefix, templateName, TEST_REDIS_URL } from './test-databases';

/** Migrates a template database once per run; each test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  Logger.overrideLogger(['error']);
  process.env.LYLUAN_TEST_RUN ??= `lyluan_e2e_${process.pid}`;
  await dropDatabases(`${runPrefix()}\\_%`);
  const env = loadEnvironment({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(templateName()),
    REDIS_URL: TEST_REDIS_URL,
    LOG_LEVEL: 'silent',
  });
  await prepareDatabase(env, { seed: false });
}
