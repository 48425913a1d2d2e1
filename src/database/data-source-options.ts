import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { Environment } from '../config/environment';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One definition for the app and the TypeORM CLI, so both see the same entities and migrations. */
export function dataSourceOptions(
  env: Pick<Environment, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_CONNECT_TIMEOUT_MS'>,
): DataSourceOptions {
  const root = join(__dirname, '..', '..');
  return {
    type: 'postgres',
    url: env.DATABASE_URL,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: env.DATABASE_POOL_SIZE, connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS },
  };
}
