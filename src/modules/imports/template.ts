import ExcelJS from 'exceljs';
import { parseDay, type ImportColumn } from './import-table';

export interface ImportTemplate {
  /** Name of the sheet the rows go in. */
  sheet: string;
  columns: readonly ImportColumn[];
  /** Lines above the columns' explanation: what a row does, what happens to the file. */
  notes: readonly string[];
  /** A list the admin picks values from (unit codes), as its own sheet; `column` gets a drop-down of its first column. */
  list?: { sheet: string; column: string; header: readonly string[]; rows: readonly (readonly string[])[] };
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows of the data sheet that get the drop-downs and text formats. */
const FORMATTED_ROWS = 5000;

/** exceljs has range validations (`worksheet.dataValidations`) but its typings leave them out. */
type WithRangeValidations = ExcelJS.Worksheet & {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
};

const columnLetter = (index: number) => {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
};

const allowedValues = (column: ImportColumn) =>
  column.choices
    ? Object.entries(column.choices)
        .map(([code, labels]) => `${labels.join(' / ')} (${code})`)
        .join('; ')
    : '';

/**
 * The workbook to fill in: the data sheet with Vietnamese headers and one example row (phones and
 * usernames formatted as text so Excel keeps their leading zeros, dates as dd/mm/yyyy, drop-downs
 * for choices), a sheet explaining each column, and the list sheet when there is one.
 */
export async function templateXlsx(template: ImportTemplate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet(template.sheet, {
    views: [{ state: 'frozen', ySplit: 1 }],
  }) as WithRangeValidations;
  data.addRow(template.columns.map((c) => c.header)).font = { bold: true };
  data.addRow(
    template.columns.map((c) => {
      const day = c.kind === 'date' ? parseDay(c.example) : undefined;
      return day ? new Date(`${day}T00:00:00Z`) : c.example;
    }),
  );
  template.columns.forEach((column, index) => {
    const sheetColumn = data.getColumn(index + 1);
    sheetColumn.width = Math.max(14, column.header.length + 4, column.example.length + 2);
    const range = `${columnLetter(index)}2:${columnLetter(index)}${FORMATTED_ROWS}`;
    if (column.kind === 'date') sheetColumn.numFmt = 'dd/mm/yyyy';
    else sheetColumn.numFmt = '@';
    if (column.choices) {
      const labels = Object.values(column.choices).map((labels) => labels[0]);
      data.dataValidations.add(range, { type: 'list', allowBlank: true, formulae: [`"${labels.join(',')}"`] });
    }
    if (template.list?.column === column.key && template.list.rows.length > 0) {
      const source = `'${template.list.sheet}'!$A$2:$A$${template.list.rows.length + 1}`;
      data.dataValidations.add(range, { type: 'list', allowBlank: true, formulae: [source] });
    }
  });

  const help = workbook.addWorksheet('Hướng dẫn');
  for (const note of template.notes) help.addRow([note]);
  help.addRow([]);
  help.addRow(['Cột', 'Tên cột tiếng Anh (cũng dùng được)', 'Bắt buộc', 'Nội dung và giá trị cho phép', 'Ví dụ']).font =
    {
      bold: true,
    };
  for (const column of template.columns) {
    const allowed = allowedValues(column);
    help.addRow([
      column.header,
      column.key,
      column.required ? 'Có' : 'Không',
      allowed ? `${column.description} ${allowed}.` : column.description,
      column.example,
    ]);
  }
  [28, 30, 10, 90, 24].forEach((width, i) => (help.getColumn(i + 1).width = width));
  help.getColumn(4).alignment = { wrapText: true, vertical: 'top' };

  if (template.list) {
    const list = workbook.addWorksheet(template.list.sheet);
    list.addRow([...template.list.header]).font = { bold: true };
    for (const row of template.list.rows) list.addRow([...row]);
    list.getColumn(1).width = 28;
    list.getColumn(2).width = 60;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The same header and example row as CSV UTF-8 with a BOM, which Excel opens with the right letters. */
export function templateCsv(template: ImportTemplate): Buffer {
  const lines = [template.columns.map((c) => csvCell(c.header)), template.columns.map((c) => csvCell(c.example))];
  return Buffer.from(`\ufeff${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`, 'utf8');
}
