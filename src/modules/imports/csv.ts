import { parse } from 'csv-parse/sync';
import { ImportFileError } from './import-file-error';
import { decodeText } from './text-decoding';

/** A row of a file as its cells, with its line (header = 1, as a spreadsheet shows it). */
export interface CellRow<C> {
  line: number;
  cells: C[];
}

export type CsvDelimiter = ',' | ';' | '\t';
const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * The delimiter the header line uses most, outside quotes: Excel writes `;` where the locale's
 * decimal mark is a comma (Vietnamese among them), tab for "Unicode text". A one-column header has
 * none: `,`.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  return DELIMITERS.reduce((best, d) => (counts.get(d)! > counts.get(best)! ? d : best), ',');
}

/** Excel's `sep=;` first line, which names the delimiter instead of being a row. */
const SEP_LINE = /^sep=([,;\t])(\r?\n)/;

/** The rows of a CSV text (already decoded), cells trimmed; blank lines are left out. */
export function readCsvCells(text: string): CellRow<string>[] {
  const sep = SEP_LINE.exec(text)?.[1] as CsvDelimiter | undefined;
  // Blanked rather than cut, so that lines keep their numbers.
  const body = sep ? text.replace(SEP_LINE, '$2') : text;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse yields { record, info } items; its typings do not model that option.
    const options = {
      delimiter: sep ?? detectDelimiter(body),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    };
    records = parse(body, options) as unknown as typeof records;
  } catch (error) {
    throw new ImportFileError(`Tệp CSV không đọc được: ${(error as Error).message}`);
  }
  return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
}

export interface CsvRow {
  /** Line of the file, header = 1. */
  line: number;
  values: Record<string, string>;
}

/**
 * A CSV whose header names its columns exactly (question banks): decoded and split like every
 * import file. Fails when a required column is missing; unknown columns are ignored.
 */
export function readCsv(content: Buffer, required: readonly string[]): CsvRow[] {
  const rows = readCsvCells(decodeText(content).text);
  if (rows.length === 0) throw new ImportFileError('Tệp CSV rỗng: cần một dòng tiêu đề.');
  const header = rows[0].cells;
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new ImportFileError(`Thiếu cột: ${missing.join(', ')}.`);
  return rows.slice(1).map(({ line, cells }) => ({
    line,
    values: Object.fromEntries(header.map((column, i) => [column, cells[i] ?? ''])),
  }));
}
