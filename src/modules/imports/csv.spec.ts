import { CsvError, readCsv } from './csv';

describe('readCsv', () => {
  it("reads UTF-8 with a BOM, quoted commas, CRLF and blank lines; lines are the file's, header = 1", () => {
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

  it('names missing columns and refuses what is not CSV', () => {
    expect(() => readCsv(Buffer.from('username\nx\n'), ['username', 'fullName'])).toThrow('Thiếu cột: fullName.');
    expect(() => readCsv(Buffer.from(''), ['username'])).toThrow(CsvError);
    expect(() => readCsv(Buffer.from('a,"b\n1,2'), ['a'])).toThrow(CsvError);
  });
});
