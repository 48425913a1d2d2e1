import { detectDelimiter, readCsv, readCsvCells } from './csv';
import { ImportFileError } from './import-file-error';

describe('readCsvCells', () => {
  it('takes the delimiter the header line uses most, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('Tên đăng nhập;Họ và tên;"Ngày, sinh"\r\n')).toBe(';');
    expect(detectDelimiter('a\tb;c\td\n')).toBe('\t');
    expect(detectDelimiter('username\n')).toBe(',');
  });

  it("reads quoted delimiters, CRLF and blank lines; lines are the file's, header = 1", () => {
    expect(readCsvCells('a;b\r\nnva;"Trần; Thị B"\r\n\r\n x ; y \r\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['nva', 'Trần; Thị B'] },
      { line: 4, cells: ['x', 'y'] },
    ]);
    expect(readCsvCells('a\tb\n"1\t2"\t3\n')[1].cells).toEqual(['1\t2', '3']);
  });

  it("follows Excel's sep= line and keeps the file's line numbers", () => {
    expect(readCsvCells('sep=;\r\na,b;c\r\n1,5;2\r\n')).toEqual([
      { line: 2, cells: ['a,b', 'c'] },
      { line: 3, cells: ['1,5', '2'] },
    ]);
  });

  it('refuses what is not CSV', () => {
    expect(() => readCsvCells('a,"b\n1,2')).toThrow(ImportFileError);
  });
});

describe('readCsv', () => {
  it('reads UTF-8 with a BOM by exact header names', () => {
    const file = Buffer.from('\ufeffusername,fullName\r\nnva,"Nguyễn Văn A"\r\n\r\nttb,"Trần, Thị B"\r\n', 'utf8');
    expect(readCsv(file, ['username', 'fullName'])).toEqual([
      { line: 2, values: { username: 'nva', fullName: 'Nguyễn Văn A' } },
      { line: 4, values: { username: 'ttb', fullName: 'Trần, Thị B' } },
    ]);
  });

  it('stores text in NFC even when the file is decomposed', () => {
    const [row] = readCsv(Buffer.from('fullName\nNguye\u0302\u0303n\n'), ['fullName']);
    expect(row.values.fullName).toBe('Nguyễn');
  });

  it('names missing columns and refuses an empty file', () => {
    expect(() => readCsv(Buffer.from('username\nx\n'), ['username', 'fullName'])).toThrow('Thiếu cột: fullName.');
    expect(() => readCsv(Buffer.from(''), ['username'])).toThrow(ImportFileError);
  });
});
