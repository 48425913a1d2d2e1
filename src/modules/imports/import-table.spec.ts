import { csvText, dateCell, encodeText, xlsxFile } from '../../../test/support/import-files';
import { ImportFileError } from './import-file-error';
import { checkImportFile, ImportColumn, parseDay, readImportFile, RowProblems } from './import-table';

const COLUMNS: ImportColumn[] = [
  { key: 'username', header: 'Tên đăng nhập', kind: 'text', required: true, description: '', example: 'a' },
  { key: 'dateOfBirth', header: 'Ngày sinh', kind: 'date', required: false, description: '', example: '' },
  {
    key: 'phone',
    header: 'Số điện thoại',
    aliases: ['SĐT'],
    kind: 'phone',
    required: false,
    description: '',
    example: '',
  },
  {
    key: 'partyStatus',
    header: 'Tình trạng đảng viên',
    kind: 'choice',
    required: false,
    choices: { none: ['Quần chúng'], candidate: ['Cảm tình Đảng', 'Đối tượng'], probationary: ['Dự bị'] },
    description: '',
    example: '',
  },
];
const options = { maxUnpackedBytes: 10 * 1024 * 1024 };

describe('parseDay', () => {
  it('reads ISO, dd/mm/yyyy and d/m/yyyy, only real days', () => {
    expect(parseDay('1990-05-17')).toBe('1990-05-17');
    expect(parseDay('17/05/1990')).toBe('1990-05-17');
    expect(parseDay('7/5/1990')).toBe('1990-05-07');
    expect(parseDay('07.05.1990')).toBe('1990-05-07');
    expect(parseDay('29/02/2024')).toBe('2024-02-29');
    expect(parseDay('29/02/2023')).toBeUndefined();
    expect(parseDay('05/17/1990')).toBeUndefined();
    expect(parseDay('1990-5-17')).toBeUndefined();
    expect(parseDay('17/05/90')).toBeUndefined();
  });
});

describe('readImportFile', () => {
  it('matches Vietnamese headers without case or diacritics, skips a title row, reads values by kind', async () => {
    const csv = csvText(
      [
        ['DANH SÁCH HỌC VIÊN', '', '', ''],
        ['TEN DANG NHAP', 'ngày sinh', 'sđt', 'Tinh trang dang vien'],
        ['nva', '17/05/1990', '0912 345 678', 'DỰ BỊ'],
        ['', '', '', ''],
        ['ttb', '1991-01-02', '', 'doi tuong'],
        ['lvc', '', '', 'quan chung'],
      ],
      ';',
    );
    const table = await readImportFile(encodeText(csv, 'windows-1258'), COLUMNS, options);
    expect(table.columnName('dateOfBirth')).toBe('ngày sinh');
    expect(table.rows.map((r) => [r.line, r.values, r.problems])).toEqual([
      [3, { username: 'nva', dateOfBirth: '1990-05-17', phone: '0912 345 678', partyStatus: 'probationary' }, []],
      [5, { username: 'ttb', dateOfBirth: '1991-01-02', partyStatus: 'candidate' }, []],
      [6, { username: 'lvc', partyStatus: 'none' }, []],
    ]);
  });

  it('reads a workbook: date cells as ISO days, numbers as text, and refuses numeric phones', async () => {
    const file = await xlsxFile([
      ['username', 'dateOfBirth', 'phone', 'partyStatus'],
      ['nva', dateCell('1990-05-17'), '0912345678', 'probationary'],
      [12345, '31/02/1990', 912345678, 'đảng viên'],
    ]);
    const { rows } = await readImportFile(file, COLUMNS, options);
    expect(rows[0]).toMatchObject({
      line: 2,
      values: { username: 'nva', dateOfBirth: '1990-05-17', phone: '0912345678', partyStatus: 'probationary' },
    });
    expect(rows[1].values).toEqual({ username: '12345' });
    expect(rows[1].problems.map((p) => p.key)).toEqual(['dateOfBirth', 'phone', 'partyStatus']);
    expect(rows[1].problems[1].message).toContain('số 0');
  });

  it('reads the sheet named by the upload, case and diacritics aside, and names the sheets otherwise', async () => {
    const file = await xlsxFile([['username', 'ngay sinh', 'sdt', 'tinh trang dang vien'], ['nva']], 'Người học', [
      'Bìa',
    ]);
    await expect(readImportFile(file, COLUMNS, options)).rejects.toThrow('Thiếu cột: Tên đăng nhập (username)');
    const { rows } = await readImportFile(file, COLUMNS, { ...options, sheet: 'NGUOI HOC' });
    expect(rows).toEqual([{ line: 2, values: { username: 'nva' }, written: { username: 'nva' }, problems: [] }]);
    await expect(readImportFile(file, COLUMNS, { ...options, sheet: 'Lớp 1' })).rejects.toThrow(
      'Tệp không có trang tính "Lớp 1"; các trang tính: "Bìa", "Người học".',
    );
  });

  it('refuses a sheet that unpacks past the limit, a column given twice, a missing one and .xls', async () => {
    const big = await xlsxFile([['username'], ...Array.from({ length: 2000 }, (_, i) => [`nguoi.${i}`])]);
    await expect(readImportFile(big, COLUMNS, { maxUnpackedBytes: 20_000 })).rejects.toThrow('giới hạn');
    const twice = csvText([['username', 'Tên đăng nhập', 'Ngày sinh', 'SĐT', 'Tình trạng đảng viên']]);
    await expect(readImportFile(Buffer.from(twice), COLUMNS, options)).rejects.toThrow(
      'Cột "username" và cột "Tên đăng nhập" cùng là Tên đăng nhập',
    );
    await expect(readImportFile(Buffer.from('username,Ngày sinh\r\n'), COLUMNS, options)).rejects.toThrow(
      'Thiếu cột: Số điện thoại (phone), Tình trạng đảng viên (partyStatus). Dòng tiêu đề là dòng 1.',
    );
    await expect(readImportFile(Buffer.from(''), COLUMNS, options)).rejects.toThrow(ImportFileError);
    expect(() => checkImportFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toThrow('.xls');
  });
});

describe('RowProblems', () => {
  it('names each column once, as the file writes it, with the value', async () => {
    const csv = csvText([
      ['Tên đăng nhập', 'Ngày sinh', 'Số điện thoại', 'Tình trạng đảng viên'],
      ['nva', '17/13/1990', '', 'xyz'],
    ]);
    const table = await readImportFile(Buffer.from(csv), COLUMNS, options);
    const problems = new RowProblems(table, table.rows[0]);
    problems.add('dateOfBirth', 'phải là ngày dạng YYYY-MM-DD');
    problems.add('phone', 'là bắt buộc');
    const { row, message } = problems.toError();
    expect(row).toBe(2);
    expect(message.match(/Ngày sinh/g)).toHaveLength(1);
    expect(message).toBe(
      'Ngày sinh: phải là ngày có thật, dạng dd/mm/yyyy (hoặc yyyy-mm-dd) (giá trị: "17/13/1990"); ' +
        'Tình trạng đảng viên: không hợp lệ; dùng một trong: Quần chúng, Cảm tình Đảng, Dự bị ' +
        '(hoặc none, candidate, probationary) (giá trị: "xyz"); Số điện thoại: là bắt buộc',
    );
  });
});
