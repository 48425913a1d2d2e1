import ExcelJS from 'exceljs';
import { readZip, ZipRefused } from '../../common/zip';
import { foldVietnamese } from '../../common/vietnamese';
import type { CellRow } from './csv';
import { ImportFileError } from './import-file-error';

/** A cell as Excel typed it: text, a number, a date (from a date-formatted serial), true/false, or empty. */
export type Cell = string | number | boolean | Date | null;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Excel 97–2003 (.xls) and other OLE compound files. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (content: Buffer, magic: number[]) => magic.every((byte, i) => content[i] === byte);

/** Decided from the bytes, not the name: a file called .csv that is a workbook is read as one. */
export function isXlsx(content: Buffer): boolean {
  return startsWith(content, ZIP_MAGIC);
}

export function isOldExcel(content: Buffer): boolean {
  return startsWith(content, OLE_MAGIC);
}

/** Formulas count by their result, links and rich text by their text. */
function plain(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return plain(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return plain(value.result as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return null;
}

/**
 * The rows of one sheet of a workbook: the first, or the one named `sheet` (case and diacritics
 * aside). The zip is unpacked under `maxUnpackedBytes` first, since a small .xlsx can hold a huge
 * sheet and exceljs would inflate all of it.
 */
export async function readXlsxCells(
  content: Buffer,
  options: { sheet?: string; maxUnpackedBytes: number },
): Promise<CellRow<Cell>[]> {
  try {
    const limit = options.maxUnpackedBytes;
    await readZip(content, { maxEntries: 10_000, maxTotalBytes: limit, maxEntryBytes: limit });
  } catch (error) {
    if (!(error instanceof ZipRefused)) throw error;
    throw new ImportFileError(`Tệp .xlsx không đọc được: ${error.message}`);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw new ImportFileError('Tệp .xlsx bị hỏng hoặc không phải bảng tính Excel.');
  }
  const wanted = options.sheet === undefined ? undefined : foldVietnamese(options.sheet);
  const sheet =
    wanted === undefined
      ? workbook.worksheets[0]
      : workbook.worksheets.find((ws) => foldVietnamese(ws.name) === wanted);
  if (!sheet) {
    const names = workbook.worksheets.map((ws) => `"${ws.name}"`).join(', ');
    throw new ImportFileError(
      wanted === undefined
        ? 'Tệp .xlsx không có trang tính nào.'
        : `Tệp không có trang tính "${options.sheet}"; các trang tính: ${names || 'không có'}.`,
    );
  }
  const rows: CellRow<Cell>[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: Cell[] = [];
    for (let i = 1; i <= row.cellCount; i++) {
      const cell = plain(row.getCell(i).value);
      cells.push(typeof cell === 'string' ? cell.normalize('NFC').trim() : cell);
    }
    rows.push({ line, cells });
  });
  return rows;
}
