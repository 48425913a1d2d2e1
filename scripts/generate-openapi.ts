import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_PREFIX, ROOT_ROUTES } from '../src/app.factory';
import { AppModule } from '../src/app.module';
import { createRootLogger } from '../src/common/logging';
import { loadEnvironment } from '../src/config/environment';
import { buildOpenApiDocument } from '../src/openapi';

/**
 * Writes openapi.json from the code. Preview mode wires modules without instantiating providers,
 * so no database or Redis is needed; test/e2e/openapi.e2e-spec.ts checks it equals what the running
 * app serves.
 */
async function main(): Promise<void> {
  const env = loadEnvironment({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(env, createRootLogger(env)),
    new FastifyAdapter(),
    {
      preview: true,
      logger: false,
    },
  );
  app.setGlobalPrefix(API_PREFIX, { exclude: ROOT_ROUTES });
  const document = buildOpenApiDocument(app);
  writeFileSync(join(__dirname, '..', 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

void main();
