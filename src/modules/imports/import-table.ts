import { foldVietnamese } from '../../common/vietnamese';
import type { ImportRowError } from './entities/import-job.entity';
import { CellRow, readCsvCells } from './csv';
import { ImportFileError, SAVE_AS_UTF8_HINT } from './import-file-error';
import { decodeText } from './text-decoding';
import { Cell, isOldExcel, isXlsx, readXlsxCells } from './xlsx';

/**
 * How a column's cells are read. `date`: ISO, dd/mm/yyyy or d/m/yyyy text, or a date cell. `phone`:
 * text; a number (Excel dropped the leading 0) is refused. `choice`: a code or one of its labels,
 * case and diacritics aside.
 */
export type ColumnKind = 'text' | 'date' | 'phone' | 'choice';

export interface ImportColumn {
  /** The field of the row and the English header. */
  key: string;
  /** The Vietnamese header, which templates write. */
  header: string;
  /** Other headers seen in schools' files. */
  aliases?: readonly string[];
  kind: ColumnKind;
  /** Whether every row needs a value (the column itself must always be there). */
  required: boolean;
  /** `choice`: each code with its labels, the first label being the one templates show. */
  choices?: Readonly<Record<string, readonly string[]>>;
  /** What goes in the column, for the template's explanation sheet. */
  description: string;
  /** The template's example row, as it is written in a file. */
  example: string;
}

export interface ImportProblem {
  key: string;
  message: string;
}

export interface ImportRow {
  /** Line of the file (row of the sheet), header = 1. */
  line: number;
  /** The cells read as the columns' kinds (dates ISO, choices as codes); empty and refused cells are left out. */
  values: Record<string, string>;
  /** The cells as written, for messages. */
  written: Record<string, string>;
  /** Cells that could not be read as their column's kind. */
  problems: ImportProblem[];
}

export interface ImportTable {
  rows: ImportRow[];
  /** The header of the column as written in the file, which messages name. */
  columnName(key: string): string;
}

export interface ReadOptions {
  /** The sheet of a workbook; the first when absent. CSV files have one. */
  sheet?: string;
  maxUnpackedBytes: number;
}

/** How many rows above the header a file may have (a title, a school's name). */
const HEADER_SEARCH_ROWS = 10;

/**
 * Refuses at upload what no job could read: an Excel 97–2003 workbook, or text in an encoding that is
 * not UTF-8, UTF-16 or Windows-1258. A workbook's content is read by the job.
 */
export function checkImportFile(content: Buffer): void {
  refuseOldExcel(content);
  if (!isXlsx(content)) decodeText(content);
}

function refuseOldExcel(content: Buffer): void {
  if (isOldExcel(content)) {
    throw new ImportFileError(`Tệp Excel 97–2003 (.xls) không được hỗ trợ: lưu thành .xlsx, hoặc ${SAVE_AS_UTF8_HINT}`);
  }
}

/**
 * The one reader of every import of rows: CSV (UTF-8 with or without BOM, UTF-16 with BOM,
 * Windows-1258; `,` `;` or tab) or XLSX, headers in English or Vietnamese matched without case or
 * diacritics, cells read as their columns' kinds. Throws ImportFileError for a file refused whole.
 */
export async function readImportFile(
  content: Buffer,
  columns: readonly ImportColumn[],
  options: ReadOptions,
): Promise<ImportTable> {
  refuseOldExcel(content);
  const rows: CellRow<Cell>[] = isXlsx(content)
    ? await readXlsxCells(content, options)
    : readCsvCells(decodeText(content).text);
  return tableOf(rows, columns);
}

const isEmpty = (cell: Cell) => cell === null || cell === '';

function tableOf(rows: CellRow<Cell>[], columns: readonly ImportColumn[]): ImportTable {
  const filled = rows.filter((row) => !row.cells.every(isEmpty));
  if (filled.length === 0) throw new ImportFileError('Tệp rỗng: cần một dòng tiêu đề.');
  const byHeader = new Map<string, ImportColumn>();
  for (const column of columns) {
    for (const name of [column.key, column.header, ...(column.aliases ?? [])])
      byHeader.set(foldVietnamese(name), column);
  }
  const matches = (row: CellRow<Cell>) =>
    row.cells.map((cell) => (typeof cell === 'string' ? byHeader.get(foldVietnamese(cell)) : undefined));
  const headerAt = Math.max(
    0,
    filled.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => matches(row).some(Boolean)),
  );
  const header = filled[headerAt];
  const positions = new Map<string, { index: number; name: string }>();
  matches(header).forEach((column, index) => {
    if (!column) return;
    const name = String(header.cells[index]);
    const earlier = positions.get(column.key);
    if (earlier) {
      throw new ImportFileError(`Cột "${earlier.name}" và cột "${name}" cùng là ${column.header}: hãy giữ một cột.`);
    }
    positions.set(column.key, { index, name });
  });
  const missing = columns.filter((column) => !positions.has(column.key));
  if (missing.length > 0) {
    throw new ImportFileError(
      `Thiếu cột: ${missing.map((c) => `${c.header} (${c.key})`).join(', ')}. Dòng tiêu đề là dòng ${header.line}.`,
    );
  }
  return {
    rows: filled.slice(headerAt + 1).map((row) => readRow(row, columns, positions)),
    columnName: (key) => positions.get(key)?.name ?? key,
  };
}

function readRow(
  row: CellRow<Cell>,
  columns: readonly ImportColumn[],
  positions: Map<string, { index: number }>,
): ImportRow {
  const result: ImportRow = { line: row.line, values: {}, written: {}, problems: [] };
  for (const column of columns) {
    const cell = row.cells[positions.get(column.key)!.index] ?? null;
    if (isEmpty(cell)) continue;
    result.written[column.key] = cell instanceof Date ? isoDay(cell) : String(cell);
    const read = readCell(column, cell!);
    if ('value' in read) result.values[column.key] = read.value;
    else result.problems.push({ key: column.key, message: read.problem });
  }
  return result;
}

type Read = { value: string } | { problem: string };

function readCell(column: ImportColumn, cell: Exclude<Cell, null>): Read {
  switch (column.kind) {
    case 'date':
      return readDate(cell);
    case 'phone':
      return readPhone(cell);
    case 'choice':
      return readChoice(cell, column);
    default:
      return { value: cell instanceof Date ? isoDay(cell) : String(cell) };
  }
}

/** A date cell holds the day at midnight UTC (exceljs reads serials so). */
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** dd/mm/yyyy as Vietnamese forms write it, also with one digit, `.` or `-`. */
const VIETNAMESE_DAY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** The ISO day of a date written ISO or the Vietnamese way, if it is a real day. */
export function parseDay(text: string): string | undefined {
  const iso = ISO_DAY.exec(text);
  const vietnamese = iso ? undefined : VIETNAMESE_DAY.exec(text);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]].map(Number)
    : vietnamese
      ? [vietnamese[3], vietnamese[2], vietnamese[1]].map(Number)
      : [];
  if (year === undefined) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? isoDay(date) : undefined;
}

function readDate(cell: Exclude<Cell, null>): Read {
  if (cell instanceof Date) return { value: isoDay(cell) };
  if (typeof cell === 'number') {
    return { problem: 'là một số, không phải ngày; định dạng ô là Ngày (Date) hoặc ghi dạng dd/mm/yyyy' };
  }
  const day = parseDay(String(cell));
  return day ? { value: day } : { problem: 'phải là ngày có thật, dạng dd/mm/yyyy (hoặc yyyy-mm-dd)' };
}

const RETYPE_AS_TEXT = 'định dạng cột là Văn bản (Text) rồi nhập lại số có số 0';

function readPhone(cell: Exclude<Cell, null>): Read {
  if (typeof cell === 'number') return { problem: `Excel lưu ô này là số nên đã bỏ số 0 ở đầu: ${RETYPE_AS_TEXT}` };
  const text = String(cell);
  // Nine digits without the 0: a number cell saved as CSV, the same loss as above.
  if (/^[1-9]\d{8}$/.test(text)) return { problem: `thiếu số 0 ở đầu (Excel đã coi là số): ${RETYPE_AS_TEXT}` };
  return { value: text };
}

function readChoice(cell: Exclude<Cell, null>, column: ImportColumn): Read {
  const folded = foldVietnamese(String(cell));
  const choices = Object.entries(column.choices ?? {});
  const found = choices.find(([code, labels]) => [code, ...labels].some((name) => foldVietnamese(name) === folded));
  if (found) return { value: found[0] };
  const labels = choices.map(([, labels]) => labels[0]).join(', ');
  const codes = choices.map(([code]) => code).join(', ');
  return { problem: `không hợp lệ; dùng một trong: ${labels} (hoặc ${codes})` };
}

/**
 * A row's problems, at most one per column (the first found: a bad date is not also "required"
 * further on), each naming the column as the file writes it and quoting the value.
 */
export class RowProblems {
  private readonly messages = new Map<string, string>();

  constructor(
    private readonly table: ImportTable,
    private readonly row: ImportRow,
  ) {
    for (const problem of row.problems) this.add(problem.key, problem.message);
  }

  has(key: string): boolean {
    return this.messages.has(key);
  }

  add(key: string, message: string): void {
    if (this.messages.has(key)) return;
    const written = this.row.written[key];
    const quoted =
      written === undefined ? '' : ` (giá trị: "${written.length > 60 ? `${written.slice(0, 60)}…` : written}")`;
    this.messages.set(key, `${this.table.columnName(key)}: ${message}${quoted}`);
  }

  get empty(): boolean {
    return this.messages.size === 0;
  }

  toError(): ImportRowError {
    return { row: this.row.line, message: [...this.messages.values()].join('; ') };
  }
}
