import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readImportFile } from '../imports/import-table';
import { templateCsv, templateXlsx } from '../imports/template';
import { USER_COLUMNS } from './user-import.service';

const options = { maxUnpackedBytes: 10 * 1024 * 1024 };
const template = {
  sheet: 'Người học',
  columns: USER_COLUMNS,
  notes: ['Mỗi dòng là một người.'],
  list: { sheet: 'Mã đơn vị', column: 'orgUnitCode', header: ['Mã', 'Tên'], rows: [['CB-MINHXUAN-TDP1', 'Chi bộ']] },
};
const exampleValues = {
  username: 'nguyenvana',
  fullName: 'Nguyễn Văn A',
  dateOfBirth: '1990-05-19',
  email: 'nguyen.van.a@example.vn',
  phone: '0912 345 678',
  partyStatus: 'probationary',
  partyAdmissionDate: '2026-02-03',
  orgUnitCode: 'CB-MINHXUAN-TDP1',
};

describe('people import files', () => {
  it('reads the sample of the README without a problem', async () => {
    const file = readFileSync(join(__dirname, '../../../examples/imports/nguoi-hoc.csv'));
    const { rows } = await readImportFile(file, USER_COLUMNS, options);
    expect(rows.map((r) => r.problems)).toEqual([[], [], [], []]);
    expect(rows.map((r) => r.values.partyStatus)).toEqual(['probationary', 'full', 'candidate', 'none']);
    expect(rows[1].values).toMatchObject({ fullName: 'Trần Đức Hưởng', dateOfBirth: '1985-09-02' });
  });

  it('reads its own templates back: the example row is a valid row', async () => {
    const xlsx = await templateXlsx(template);
    expect((await readImportFile(xlsx, USER_COLUMNS, options)).rows.map((r) => r.values)).toEqual([exampleValues]);
    expect((await readImportFile(templateCsv(template), USER_COLUMNS, options)).rows.map((r) => r.values)).toEqual([
      exampleValues,
    ]);
  });

  it('formats phones and usernames as text so Excel keeps their zeros, and offers the lists as drop-downs', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await templateXlsx(template)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getColumn(1).numFmt).toBe('@');
    expect(sheet.getColumn(5).numFmt).toBe('@');
    expect(sheet.getColumn(3).numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getCell('F3').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Quần chúng,Cảm tình Đảng,Dự bị,Chính thức"'],
    });
    expect(sheet.getCell('H3').dataValidation).toMatchObject({ type: 'list', formulae: ["'Mã đơn vị'!$A$2:$A$2"] });
  });
});
