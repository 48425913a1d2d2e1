import type { DynamicModule } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.factory';
import { createRootLogger } from '../../src/common/logging';
import { Environment, loadEnvironment } from '../../src/config/environment';
import { prepareDatabase } from '../../src/database/prepare-database';
import { deleteQueueKeys } from './queue-keys';
import { databaseUrl, runPrefix, templateName, TEST_REDIS_URL, withServer } from './test-databases';

type ModuleImport = NonNullable<DynamicModule['imports']>[number];

export const ADMIN = { username: 'admin', password: 'lyluan-admin-2026' };

/** A test file's own database, cloned from the run's migrated template. */
export async function createTestDatabase(): Promise<string> {
  const name = `${runPrefix()}_${randomBytes(5).toString('hex')}`;
  await withServer(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName()}"`);
        return;
      } catch (error) {
        // Two files cloning the template at the same instant: wait and try again.
        if ((error as { code?: string }).code !== '55006' || attempt > 20) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return name;
}

/** Each test database keeps its files apart too. */
export const testStorageDir = (database: string) => join(tmpdir(), 'lyluan-test-storage', database);

export function testEnvironment(database: string, overrides: Record<string, string> = {}): Environment {
  return loadEnvironment({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(database),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `t-${database}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OUTBOX_POLL_MS: '100',
    JOB_BACKOFF_MS: '50',
    SHUTDOWN_TIMEOUT_MS: '5000',
    SEED_ADMIN_USERNAME: ADMIN.username,
    SEED_ADMIN_PASSWORD: ADMIN.password,
    STORAGE_DIR: testStorageDir(database),
    // The app shares its event loop with the test's own work (supertest, pdftoppm, a browser), which
    // would read as the app's pressure and shed its requests; the overload spec turns it on.
    OVERLOAD_MAX_LOOP_DELAY_MS: '0',
    ...overrides,
  });
}

export interface TestApp {
  app: NestFastifyApplication;
  env: Environment;
  database: string;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  /** A bearer token of the seeded system admin. */
  adminToken: () => Promise<string>;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  extra?: ModuleImport[];
  env?: Record<string, string>;
  /** Reuse a database (a second process of the same deployment); by default a fresh one. */
  database?: string;
  /** Where the app's log lines go (at `env.LOG_LEVEL`); by default stdout, silent unless TEST_LOG_LEVEL. */
  logTo?: DestinationStream;
}

/** The real application (same factory as main.ts) on a database and BullMQ prefix of its own. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  Logger.overrideLogger(['error']);
  const database = options.database ?? (await createTestDatabase());
  const env = testEnvironment(database, options.env);
  await prepareDatabase(env);
  const app = await createApp(env, options.extra, options.logTo && createRootLogger(env, options.logTo));
  await app.getHttpAdapter().getInstance().ready();
  let token: string | undefined;
  const http = () => request(app.getHttpServer());
  return {
    app,
    env,
    database,
    dataSource: app.get(DataSource),
    http,
    adminToken: async () => {
      token ??= (await http().post('/api/v1/auth/login').send(ADMIN).expect(200)).body.accessToken as string;
      return token;
    },
    close: async () => {
      await app.close();
    },
  };
}

/**
 * One app for a `describe` block: started before its tests, closed and dropped after them.
 * Returns a getter, since the app exists only once `beforeAll` has run.
 */
export function useTestApp(options: TestAppOptions = {}): () => TestApp {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await startTestApp(options);
  });
  afterAll(async () => {
    if (!t) return;
    await t.close();
    await dropTestResources(t.env, t.database);
  });
  return () => {
    if (!t) throw new Error('the test app has not started');
    return t;
  };
}

/** Removes a test's BullMQ keys and database once nothing uses them any more. */
export async function dropTestResources(env: Environment, database: string): Promise<void> {
  await deleteQueueKeys(TEST_REDIS_URL, env.QUEUE_PREFIX);
  await withServer((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  await rm(testStorageDir(database), { recursive: true, force: true });
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
