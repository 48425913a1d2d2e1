import ExcelJS from 'exceljs';
import { completionCsv, completionXlsx, EXPORT_SHEET_NAME, neutralise } from './completion-export';
import { completionRow, zeroFigures } from './figures';

const rows = [
  completionRow('a1', '=cmd|" /C calc"!A0', { ...zeroFigures(), classes: 2, enrolled: 10, completed: 8, failed: 2 }),
  completionRow('total', 'Tổng cộng', { ...zeroFigures(), classes: 2, enrolled: 10, completed: 8, failed: 2 }),
];

describe('completion exports', () => {
  it('neutralises what Excel would run, and nothing else', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', 'Trung tâm'].map(neutralise)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      'Trung tâm',
    ]);
  });

  it('writes CSV with a BOM, CRLF, Vietnamese headers and quoted cells', () => {
    const csv = completionCsv(rows);
    expect(csv.startsWith('\uFEFFMã,Tên,Số lớp,Số học viên')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
    expect(csv).toContain(`a1,"'=cmd|"" /C calc""!A0",2,10,8,2,0,0.8,,`);
  });

  it('writes an xlsx that reads back with numbers, a percentage and a frozen bold header', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of completionXlsx(rows)) chunks.push(chunk as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(EXPORT_SHEET_NAME)!;
    expect(sheet.getRow(1).getCell(3).value).toBe('Số lớp');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(2).getCell(4).value).toBe(10);
    expect(sheet.getRow(2).getCell(8)).toMatchObject({ value: 0.8, numFmt: '0.00%' });
    expect(sheet.getRow(3).getCell(2).value).toBe('Tổng cộng');
  });
});
