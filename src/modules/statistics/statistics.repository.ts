import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FIGURE_COLUMNS, FIGURE_FIELDS, Figures, PeriodCover } from './figures';

/** Class locks of the filing (two-key advisory locks: this key and the class id's hash). */
const CLASS_LOCK = 727_014;
/** Filing holds it shared, a rebuild exclusively: a rebuild sees no filing half done. */
const REBUILD_LOCK = 727_015;

/** A class as filed: its unit, programme, end day, the rollup path it counts under, and its figures. */
export interface Filing {
  classId: string;
  orgUnitId: string;
  programId: string;
  endsOn: string;
  path: string;
  figures: Figures;
}

/** A filing's figures to add (`sign` 1) or take away (-1) along its path. */
export type Delta = Filing & { sign: 1 | -1 };

export type CompletionGroup = 'child' | 'program' | 'month' | 'unit';

/** A counter that differs from what the rows say. */
export interface CounterDifference {
  orgUnitId: string;
  grain: string;
  period: string;
  childId: string;
  programId: string;
  stored: Figures | null;
  expected: Figures | null;
}

const COLUMNS = FIGURE_FIELDS.map((f) => FIGURE_COLUMNS[f]);
const RECORD_TYPES = COLUMNS.map((c) => `${c} ${c === 'score_sum_centi' ? 'bigint' : 'int'}`).join(', ');
const SUMS = FIGURE_FIELDS.map((f) => `sum(${FIGURE_COLUMNS[f]})::float8 AS "${f}"`).join(', ');
const AS_FIELDS = FIGURE_FIELDS.map((f) => `${FIGURE_COLUMNS[f]}::float8 AS "${f}"`).join(', ');
const NONZERO = COLUMNS.map((c) => `${c} <> 0`).join(' OR ');

/** Filings as JSON records for `jsonb_to_recordset` (ltree and dates as text). */
function records(rows: (Filing & { sign?: number })[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      class_id: r.classId,
      org_unit_id: r.orgUnitId,
      program_id: r.programId,
      ends_on: r.endsOn,
      path: r.path,
      sign: r.sign ?? 1,
      ...Object.fromEntries(FIGURE_FIELDS.map((f) => [FIGURE_COLUMNS[f], r.figures[f]])),
    })),
  );
}

/**
 * SQL: the counter rows that filings `source` (a FROM item aliased `d`, with `path`, `program_id`, `ends_on`, `sign` and the
 * figure columns) add up to: every unit on the path, under its next unit toward the class (itself
 * at the end), by end day and by end month. Grouped, so an upsert meets each key once.
 */
function explode(source: string): string {
  return `SELECT subpath(d.path, i - 1, 1)::text::uuid AS org_unit_id, g.grain,
                 CASE g.grain WHEN 'day' THEN d.ends_on ELSE date_trunc('month', d.ends_on)::date END AS period,
                 subpath(d.path, least(i, nlevel(d.path) - 1), 1)::text::uuid AS child_id,
                 d.program_id,
                 ${COLUMNS.map((c) => `sum(d.sign * d.${c}) AS ${c}`).join(', ')}
            FROM ${source}
           CROSS JOIN LATERAL generate_series(1, nlevel(d.path)) AS i
           CROSS JOIN (VALUES ('day'), ('month')) AS g(grain)
           GROUP BY 1, 2, 3, 4, 5`;
}

/** The SQL condition of a period cover on `grain` and `period`; values go to `params`. */
function coverCondition(cover: PeriodCover, params: unknown[]): string {
  const parts: string[] = [];
  if (cover.months) {
    const month = [`grain = 'month'`];
    if (cover.months.from) month.push(`period >= $${params.push(cover.months.from)}::date`);
    if (cover.months.toExclusive) month.push(`period < $${params.push(cover.months.toExclusive)}::date`);
    parts.push(`(${month.join(' AND ')})`);
  }
  for (const [from, to] of cover.days) {
    parts.push(`(grain = 'day' AND period BETWEEN $${params.push(from)}::date AND $${params.push(to)}::date)`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

const GROUP_KEYS: Record<CompletionGroup, string> = {
  child: 'child_id::text',
  program: 'program_id::text',
  month: `to_char(period, 'YYYY-MM')`,
  unit: 'org_unit_id::text',
};

/** Counters and class filings of the statistics feature. Methods take the use case's EntityManager. */
@Injectable()
export class StatisticsRepository {
  /** Waits out a running rebuild (held to the end of the transaction). */
  async shareRebuildLock(em: EntityManager): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock_shared($1)', [REBUILD_LOCK]);
  }

  async takeRebuildLock(em: EntityManager): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [REBUILD_LOCK]);
  }

  /** Serialises the filing of each class, in id order so that two batches never wait in a cycle. */
  async lockClasses(em: EntityManager, classIds: string[]): Promise<void> {
    await em.query(
      `SELECT pg_advisory_xact_lock($1, hashtext(id)) FROM (SELECT unnest($2::text[]) AS id ORDER BY 1) ordered`,
      [CLASS_LOCK, classIds],
    );
  }

  async filings(em: EntityManager, classIds: string[]): Promise<Map<string, Filing>> {
    const rows: (Omit<Filing, 'figures'> & Figures)[] = await em.query(
      `SELECT class_id AS "classId", org_unit_id AS "orgUnitId", program_id AS "programId", ends_on::text AS "endsOn",
              filed_path::text AS path, ${AS_FIELDS}
         FROM stats_class_figures WHERE class_id = ANY($1::uuid[])`,
      [classIds],
    );
    return new Map(rows.map((r) => [r.classId, toFiling(r)]));
  }

  /** Classes of these units filed under another path than the unit's current one (after a move or merge). */
  async misfiled(em: EntityManager, units: { id: string; rollupPath: string }[]): Promise<string[]> {
    const rows: { class_id: string }[] = await em.query(
      `SELECT f.class_id FROM stats_class_figures f
         JOIN unnest($1::uuid[], $2::ltree[]) AS u(id, path) ON u.id = f.org_unit_id
        WHERE f.filed_path <> u.path ORDER BY f.class_id`,
      [units.map((u) => u.id), units.map((u) => u.rollupPath)],
    );
    return rows.map((r) => r.class_id);
  }

  /** Adds the deltas to the counters in one statement, keys in order (concurrent filings lock alike). */
  async applyDeltas(em: EntityManager, deltas: Delta[]): Promise<void> {
    if (deltas.length === 0) return;
    await em.query(
      `INSERT INTO stats_completion_counters (org_unit_id, grain, period, child_id, program_id, ${COLUMNS.join(', ')})
       SELECT * FROM (${explode(`jsonb_to_recordset($1::jsonb) AS d(path ltree, program_id uuid, ends_on date, sign int, ${RECORD_TYPES})`)}) x
        ORDER BY 1, 2, 3, 4, 5
       ON CONFLICT (org_unit_id, grain, period, child_id, program_id) DO UPDATE SET
         ${COLUMNS.map((c) => `${c} = stats_completion_counters.${c} + excluded.${c}`).join(', ')}`,
      [records(deltas)],
    );
  }

  async saveFilings(em: EntityManager, filings: Filing[]): Promise<void> {
    if (filings.length === 0) return;
    await em.query(
      `INSERT INTO stats_class_figures (class_id, org_unit_id, program_id, ends_on, filed_path, ${COLUMNS.join(', ')})
       SELECT class_id, org_unit_id, program_id, ends_on, path, ${COLUMNS.join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS d(class_id uuid, org_unit_id uuid, program_id uuid, ends_on date,
                                                 path ltree, ${RECORD_TYPES})
       ON CONFLICT (class_id) DO UPDATE SET org_unit_id = excluded.org_unit_id, program_id = excluded.program_id,
         ends_on = excluded.ends_on, filed_path = excluded.filed_path, updated_at = now(),
         ${COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`,
      [records(filings)],
    );
  }

  async deleteFilings(em: EntityManager, classIds: string[]): Promise<void> {
    if (classIds.length === 0) return;
    await em.query(`DELETE FROM stats_class_figures WHERE class_id = ANY($1::uuid[])`, [classIds]);
  }

  /**
   * Sums of the unit's counters over the period cover, per `group` (child, programme or month);
   * for `unit`, `unitIds` are several units, one group each.
   */
  completion(
    em: EntityManager,
    unitIds: string[],
    group: CompletionGroup,
    cover: PeriodCover,
    programId: string | undefined,
  ): Promise<({ key: string } & Figures)[]> {
    const params: unknown[] = [unitIds];
    const where = [`org_unit_id = ANY($1::uuid[])`, coverCondition(cover, params)];
    if (programId) where.push(`program_id = $${params.push(programId)}::uuid`);
    return em.query(
      `SELECT ${GROUP_KEYS[group]} AS key, ${SUMS} FROM stats_completion_counters
        WHERE ${where.join(' AND ')} GROUP BY 1 HAVING sum(classes) <> 0 ORDER BY 1`,
      params,
    );
  }

  // The rebuild: expected filings into a temporary table, counters compared and replaced from it.

  async startRebuild(em: EntityManager): Promise<void> {
    await em.query(
      `CREATE TEMPORARY TABLE stats_expected_filings (LIKE stats_class_figures INCLUDING DEFAULTS) ON COMMIT DROP`,
    );
  }

  async addExpectedFilings(em: EntityManager, filings: Filing[]): Promise<void> {
    if (filings.length === 0) return;
    await em.query(
      `INSERT INTO stats_expected_filings (class_id, org_unit_id, program_id, ends_on, filed_path, ${COLUMNS.join(', ')})
       SELECT class_id, org_unit_id, program_id, ends_on, path, ${COLUMNS.join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS d(class_id uuid, org_unit_id uuid, program_id uuid, ends_on date,
                                                 path ltree, ${RECORD_TYPES})`,
      [records(filings)],
    );
  }

  /** Builds the expected counters; returns how many filings and counters differ from the stored ones. */
  async compareExpected(em: EntityManager): Promise<{ filings: number; counters: CounterDifference[] }> {
    await em.query(
      `CREATE TEMPORARY TABLE stats_expected_counters ON COMMIT DROP AS
       SELECT * FROM (${explode(`(SELECT filed_path AS path, program_id, ends_on, 1 AS sign, ${COLUMNS.join(', ')} FROM stats_expected_filings) d`)}) x`,
    );
    const key = 'org_unit_id, grain, period, child_id, program_id';
    const [{ filings }]: { filings: number }[] = await em.query(
      `SELECT count(*)::int AS filings FROM (
         (SELECT class_id, org_unit_id, program_id, ends_on, filed_path, ${COLUMNS.join(', ')} FROM stats_expected_filings
          EXCEPT SELECT class_id, org_unit_id, program_id, ends_on, filed_path, ${COLUMNS.join(', ')} FROM stats_class_figures)
         UNION ALL
         (SELECT class_id, org_unit_id, program_id, ends_on, filed_path, ${COLUMNS.join(', ')} FROM stats_class_figures
          EXCEPT SELECT class_id, org_unit_id, program_id, ends_on, filed_path, ${COLUMNS.join(', ')} FROM stats_expected_filings)
       ) differing`,
    );
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT coalesce(s.org_unit_id, e.org_unit_id) AS "orgUnitId", coalesce(s.grain, e.grain) AS grain,
              coalesce(s.period, e.period)::text AS period, coalesce(s.child_id, e.child_id) AS "childId",
              coalesce(s.program_id, e.program_id) AS "programId",
              ${COLUMNS.map((c) => `s.${c}::float8 AS "s_${c}", e.${c}::float8 AS "e_${c}"`).join(', ')}
         FROM (SELECT * FROM stats_completion_counters WHERE ${NONZERO}) s
         FULL JOIN (SELECT * FROM stats_expected_counters WHERE ${NONZERO}) e USING (${key})
        WHERE s.org_unit_id IS NULL OR e.org_unit_id IS NULL
           OR ${COLUMNS.map((c) => `s.${c} <> e.${c}`).join(' OR ')}
        ORDER BY 1, 2, 3, 4, 5`,
    );
    const side = (row: Record<string, unknown>, prefix: string): Figures | null =>
      row[`${prefix}classes`] === null
        ? null
        : (Object.fromEntries(FIGURE_FIELDS.map((f) => [f, Number(row[`${prefix}${FIGURE_COLUMNS[f]}`])])) as Figures);
    return {
      filings,
      counters: rows.map((r) => ({
        orgUnitId: String(r.orgUnitId),
        grain: String(r.grain),
        period: String(r.period),
        childId: String(r.childId),
        programId: String(r.programId),
        stored: side(r, 's_'),
        expected: side(r, 'e_'),
      })),
    };
  }

  /** Replaces filings and counters by the expected ones (counters that sum to zero are dropped). */
  async replaceByExpected(em: EntityManager): Promise<void> {
    await em.query(`DELETE FROM stats_class_figures`);
    await em.query(`INSERT INTO stats_class_figures SELECT * FROM stats_expected_filings`);
    await em.query(`DELETE FROM stats_completion_counters`);
    await em.query(
      `INSERT INTO stats_completion_counters (org_unit_id, grain, period, child_id, program_id, ${COLUMNS.join(', ')})
       SELECT org_unit_id, grain, period, child_id, program_id, ${COLUMNS.join(', ')}
         FROM stats_expected_counters WHERE ${NONZERO}
        -- In key order: a unit's rows share pages, so a question reads a few pages, not one per row.
        ORDER BY org_unit_id, grain, period, child_id, program_id`,
    );
  }
}

function toFiling(row: Omit<Filing, 'figures'> & Figures): Filing {
  return {
    classId: row.classId,
    orgUnitId: row.orgUnitId,
    programId: row.programId,
    endsOn: row.endsOn,
    path: row.path,
    figures: Object.fromEntries(FIGURE_FIELDS.map((f) => [f, Number(row[f])])) as Figures,
  };
}
