import { parse } from 'csv-parse/sync';

export interface CsvRow {
  /** Line of the file, header = 1. */
  line: number;
  values: Record<string, string>;
}

export class CsvError extends Error {}

/**
 * Reads a UTF-8 CSV (a BOM is allowed, Excel writes one) with a header row. Fails when a required
 * column is missing or the file is not CSV; unknown columns are ignored.
 */
export function readCsv(content: Buffer, required: readonly string[]): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse yields { record, info } items; its typings do not model that option.
    const options = { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true };
    records = parse(content, options) as unknown as typeof records;
  } catch (error) {
    throw new CsvError(`Tệp CSV không đọc được: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new CsvError('Tệp CSV rỗng: cần một dòng tiêu đề.');
  const header = records[0].record.map((h) => h.trim());
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new CsvError(`Thiếu cột: ${missing.join(', ')}.`);
  return records.slice(1).map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(header.map((column, i) => [column, (record[i] ?? '').normalize('NFC')])),
  }));
}
