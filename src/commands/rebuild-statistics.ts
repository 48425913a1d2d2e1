import { FIGURE_FIELDS } from '../modules/statistics/figures';
import { RebuildReport, StatisticsFilingService } from '../modules/statistics/statistics-filing.service';
import { runCommand } from './run-command';

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
if (require.main === module) {
  runCommand('stats rebuild', async (app) => {
    const check = process.argv.includes('--check');
    const report = await app.get(StatisticsFilingService).rebuild({ repair: !check });
    for (const line of rebuildLines(report)) process.stdout.write(`${line}\n`);
    if (check && (report.filingsDiffering > 0 || report.counters.length > 0)) process.exitCode = 2;
  });
}
