import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import type { CompletionRow } from './figures';

/** The columns of an export: a Vietnamese header and the cell of a row. */
const COLUMNS: {
  header: string;
  width: number;
  cell: (r: CompletionRow) => string | number | null;
  format?: string;
}[] = [
  { header: 'Mã', width: 38, cell: (r) => r.key },
  { header: 'Tên', width: 44, cell: (r) => r.label },
  { header: 'Số lớp', width: 10, cell: (r) => r.classes },
  { header: 'Số học viên', width: 13, cell: (r) => r.enrolled },
  { header: 'Hoàn thành', width: 13, cell: (r) => r.completed },
  { header: 'Không hoàn thành', width: 18, cell: (r) => r.failed },
  { header: 'Đang học', width: 11, cell: (r) => r.inProgress },
  { header: 'Tỉ lệ đạt', width: 11, cell: (r) => r.passRate, format: '0.00%' },
  { header: 'Điểm trung bình', width: 16, cell: (r) => r.averageScore, format: '0.00' },
  { header: 'Xuất sắc', width: 10, cell: (r) => r.classification.xuat_sac },
  { header: 'Giỏi', width: 8, cell: (r) => r.classification.gioi },
  { header: 'Khá', width: 8, cell: (r) => r.classification.kha },
  { header: 'Trung bình', width: 12, cell: (r) => r.classification.trung_binh },
  { header: 'Không đạt', width: 11, cell: (r) => r.classification.khong_dat },
  { header: 'Giấy chứng nhận đã cấp', width: 24, cell: (r) => r.certificatesIssued },
];

export const EXPORT_SHEET_NAME = 'Thống kê hoàn thành';
export const EXPORT_HEADERS = COLUMNS.map((c) => c.header);

/**
 * A text cell Excel would read as a formula (or a DDE call) starts with `'` instead, so opening the
 * file runs nothing: OWASP's CSV injection rule (= + - @, and tab or CR).
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM (so Excel reads Vietnamese), CRLF line ends, the total row last. */
export function completionCsv(rows: CompletionRow[]): string {
  const lines = [EXPORT_HEADERS.map(csvCell).join(',')];
  for (const row of rows) lines.push(COLUMNS.map((c) => csvCell(c.cell(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * An .xlsx written by exceljs's streaming writer as it is read: a bold, frozen header, numbers as
 * numbers, the pass rate as a percentage, the total row last.
 */
export function completionXlsx(rows: CompletionRow[]): Readable {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(EXPORT_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const row of rows) {
    const added = sheet.addRow(COLUMNS.map((c) => c.cell(row)));
    COLUMNS.forEach((c, i) => {
      if (c.format) added.getCell(i + 1).numFmt = c.format;
    });
    if (row.key === 'total') added.font = { bold: true };
    added.commit();
  }
  sheet.commit();
  workbook.commit().catch((error: Error) => stream.destroy(error));
  return stream;
}
