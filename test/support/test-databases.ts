import { Client } from 'pg';

/** Where test databases live; override with TEST_DATABASE_URL (any database on the server). */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One run's databases share this prefix, so its teardown drops exactly its own. */
export function runPrefix(): string {
  const prefix = process.env.LYLUAN_TEST_RUN;
  if (!prefix) throw new Error('LYLUAN_TEST_RUN is not set: run through the e2e or service jest config');
  return prefix;
}

export const templateName = () => `${runPrefix()}_template`;

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withServer<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabases(pattern: string): Promise<void> {
  await withServer(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      pattern,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
