import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { Environment } from '../config/environment';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** What pg_stat_activity shows for each pool, so an operator sees which connections read the replica. */
export const PRIMARY_APPLICATION_NAME = 'lyluan-primary';
export const REPLICA_APPLICATION_NAME = 'lyluan-replica';

/**
 * One definition for the app and the TypeORM CLI, so both see the same entities and migrations.
 * With DATABASE_READ_URL it is still one data source, in TypeORM's replication mode: every query
 * goes to the primary (`defaultMode: 'master'`, so no read can miss a write just made) except what
 * asks for the replica through `ReadReplica`.
 */
export function dataSourceOptions(
  env: Pick<Environment, 'DATABASE_URL' | 'DATABASE_READ_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_CONNECT_TIMEOUT_MS'>,
): DataSourceOptions {
  const root = join(__dirname, '..', '..');
  const primary = { url: env.DATABASE_URL, applicationName: PRIMARY_APPLICATION_NAME };
  return {
    type: 'postgres',
    ...(env.DATABASE_READ_URL
      ? {
          replication: {
            master: primary,
            slaves: [{ url: env.DATABASE_READ_URL, applicationName: REPLICA_APPLICATION_NAME }],
            defaultMode: 'master',
          },
        }
      : primary),
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // Per pool: the primary's and, with a replica, the replica's.
    extra: { max: env.DATABASE_POOL_SIZE, connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS },
  };
}
