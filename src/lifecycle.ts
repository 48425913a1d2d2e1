import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * SIGTERM: stop taking HTTP requests (new ones get 503), let running jobs finish within
 * SHUTDOWN_TIMEOUT_MS, then close queues and connections.
 */
export async function gracefulShutdown(app: NestFastifyApplication, reason: string): Promise<void> {
  const logger = new Logger('Shutdown');
  logger.log(`${reason}: closing HTTP, draining jobs`);
  // Nest closes HTTP only after the shutdown hooks, so close it first.
  await app.getHttpAdapter().getInstance().close();
  await app.close();
  logger.log('Stopped cleanly');
}
