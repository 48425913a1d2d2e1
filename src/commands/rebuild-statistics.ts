import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { assertPostgresReachable, assertRedisReachable, UnreachableServiceError } from '../common/connectivity';
import { createRootLogger, startupLogger } from '../common/logging';
import { ConfigError, loadEnvironment, readEnvFile } from '../config/environment';
import { prepareDatabase } from '../database/prepare-database';
import { FIGURE_FIELDS } from '../modules/statistics/figures';
import { RebuildReport, StatisticsFilingService } from '../modules/statistics/statistics-filing.service';

/** Differences printed one per line; the rest are counted. */
const SHOWN = 20;

/** The report's lines: what differs, and what was done about it. */
export function rebuildLines(report: RebuildReport): string[] {
  const lines = [`lyluan: stats rebuild checked ${report.classes} classes`];
  if (report.filingsDiffering === 0 && report.counters.length === 0) return [...lines, 'lyluan: no differences'];
  lines.push(`lyluan: ${report.filingsDiffering} class filings and ${report.counters.length} counters differ`);
  for (const d of report.counters.slice(0, SHOWN)) {
    const { stored, expected } = d;
    const what = !stored
      ? 'missing'
      : !expected
        ? 'not in the rows'
        : FIGURE_FIELDS.filter((f) => stored[f] !== expected[f])
            .map((f) => `${f} ${stored[f]} → ${expected[f]}`)
            .join(', ');
    lines.push(`  unit ${d.orgUnitId} ${d.grain} ${d.period} child ${d.childId} programme ${d.programId}: ${what}`);
  }
  if (report.counters.length > SHOWN) lines.push(`  … and ${report.counters.length - SHOWN} more`);
  lines.push(report.repaired ? 'lyluan: repaired' : 'lyluan: not repaired (run without --check to repair)');
  return lines;
}

/**
 * `npm run stats:rebuild [-- --check]`: recomputes every class's completion figures from the rows,
 * compares the counters with them, reports each difference and (unless `--check`) repairs them.
 * Exits 0 when nothing differed or all was repaired, 2 when `--check` found differences.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const env = loadEnvironment({ ...readEnvFile(), ...process.env, PROCESS_ROLE: 'api' });
  const rootLogger = createRootLogger(env);
  Logger.overrideLogger(startupLogger(rootLogger));
  await assertPostgresReachable(env.DATABASE_URL);
  await assertRedisReachable(env.REDIS_URL);
  await prepareDatabase(env, { seed: false });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(env, rootLogger), { logger: false });
  try {
    const report = await app.get(StatisticsFilingService).rebuild({ repair: !check });
    for (const line of rebuildLines(report)) process.stdout.write(`${line}\n`);
    if (check && (report.filingsDiffering > 0 || report.counters.length > 0)) process.exitCode = 2;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const expected = error instanceof ConfigError || error instanceof UnreachableServiceError;
    console.error(
      `lyluan: stats rebuild failed: ${expected ? (error as Error).message : String((error as Error).stack)}`,
    );
    process.exit(1);
  });
}
