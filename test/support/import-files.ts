/** Import files the way Excel and Windows write them, built from rows of cells. */
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';

/** Vietnamese tone marks as Windows-1258 writes them: combining characters after the letter. */
const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

/**
 * `text` in Windows-1258, as Windows converts it: letters 1258 lacks precomposed ("ễ") become the
 * base letter it has ("ê") and a combining tone mark. Throws when a character cannot be written.
 */
export function windows1258(text: string): Buffer {
  const bytes: Buffer[] = [];
  for (const char of text.normalize('NFC')) {
    const marks = [...char.normalize('NFD')];
    const tone = marks.filter((mark) => TONES.has(mark));
    const base = marks
      .filter((mark) => !TONES.has(mark))
      .join('')
      .normalize('NFC');
    const encoded = iconv.encode(tone.length > 0 ? base + tone.join('') : char, 'windows-1258');
    if (iconv.decode(encoded, 'windows-1258').normalize('NFC') !== char) {
      throw new Error(`windows-1258 cannot write ${JSON.stringify(char)}`);
    }
    bytes.push(encoded);
  }
  return Buffer.concat(bytes);
}

const csvCell = (value: string, delimiter: string) =>
  value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** Lines joined with CRLF, as Excel saves them. */
export function csvText(rows: string[][], delimiter = ','): string {
  return `${rows.map((cells) => cells.map((c) => csvCell(c, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}

export type Encoding = 'utf8-bom' | 'utf8' | 'utf16le-bom' | 'utf16be-bom' | 'windows-1258';

export function encodeText(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8-bom':
      return Buffer.from(`\ufeff${text}`, 'utf8');
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf16le-bom':
      return Buffer.from(`\ufeff${text}`, 'utf16le');
    case 'utf16be-bom':
      return iconv.encode(`\ufeff${text}`, 'utf16-be');
    case 'windows-1258':
      return windows1258(text);
  }
}

export type XlsxCell = string | number | Date | null;

/** A workbook whose first sheet (or `sheet`) holds the rows, cells typed as given. */
export async function xlsxFile(rows: XlsxCell[][], sheet = 'Sheet1', before: string[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const name of before) workbook.addWorksheet(name).addRow(['không phải danh sách']);
  const worksheet = workbook.addWorksheet(sheet);
  for (const row of rows) worksheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A day as Excel's date cell holds it (midnight UTC, which exceljs writes as the serial). */
export const dateCell = (iso: string) => new Date(`${iso}T00:00:00Z`);
