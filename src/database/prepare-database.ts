import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { runSeed } from '../seed/seed';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';

const logger = new Logger('Database');
/** Serialises migrations and seed when several processes start at once (api + worker). */
const MIGRATION_LOCK_KEY = 727_001;

/** Creates the database if missing, runs pending migrations, then the idempotent seed. */
export async function prepareDatabase(env: Environment, options: { seed: boolean } = { seed: true }): Promise<void> {
  if (await ensureDatabase(env.DATABASE_URL)) logger.log('Created the database');
  // Migrations and the seed write: the primary alone, whether or not a replica is configured.
  const dataSource = new DataSource({ ...dataSourceOptions({ ...env, DATABASE_READ_URL: '' }), extra: { max: 2 } });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) logger.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    if (options.seed) await runSeed(dataSource, env);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}
