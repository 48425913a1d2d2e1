import Redis from 'ioredis';
import { Client } from 'pg';

export class UnreachableServiceError extends Error {
  constructor(
    readonly service: 'PostgreSQL' | 'Redis',
    readonly where: string,
    readonly reason: string,
    readonly setting = service === 'Redis' ? 'REDIS_URL' : 'DATABASE_URL',
  ) {
    super(
      `${service} is unreachable at ${where} (${reason}). Start it (docker compose up -d postgres redis) or set ${setting}.`,
    );
    this.name = 'UnreachableServiceError';
  }
}

/** host:port of a URL without its credentials, for messages. */
export function describeEndpoint(rawUrl: string): string {
  const url = new URL(rawUrl);
  return `${url.hostname}:${url.port || (url.protocol.startsWith('redis') ? '6379' : '5432')}`;
}

function reasonOf(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ?? e.message ?? String(error);
}

/** `setting` names where the URL came from, for the message: DATABASE_URL or DATABASE_READ_URL. */
export async function assertPostgresReachable(databaseUrl: string, setting = 'DATABASE_URL'): Promise<void> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new UnreachableServiceError('PostgreSQL', describeEndpoint(databaseUrl), reasonOf(error), setting);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function assertRedisReachable(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new UnreachableServiceError('Redis', describeEndpoint(redisUrl), reasonOf(error));
  } finally {
    redis.disconnect();
  }
}
