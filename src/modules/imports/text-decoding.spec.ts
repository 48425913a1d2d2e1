import { encodeText, windows1258 } from '../../../test/support/import-files';
import { ImportFileError } from './import-file-error';
import { decodeText } from './text-decoding';

const ROSTER = 'Tên đăng nhập,Họ và tên\r\nnva,Nguyễn Văn Ánh\r\nttb,Trần Thị Bưởi\r\n';

describe('decodeText', () => {
  it.each([
    ['utf8-bom', 'utf-8'],
    ['utf8', 'utf-8'],
    ['utf16le-bom', 'utf-16le'],
    ['utf16be-bom', 'utf-16be'],
    ['windows-1258', 'windows-1258'],
  ] as const)('reads %s as %s, in NFC without the BOM', (encoding, detected) => {
    const { text, encoding: found } = decodeText(encodeText(ROSTER, encoding));
    expect(found).toBe(detected);
    expect(text).toBe(ROSTER);
    expect(Buffer.from(text, 'utf8').equals(Buffer.from(ROSTER.normalize('NFC'), 'utf8'))).toBe(true);
  });

  it('stores Windows-1258 combining tone marks composed (NFC)', () => {
    const { text } = decodeText(windows1258('Nguyễn'));
    expect(text).toBe('Nguy\u1ec5n');
    expect(text).toHaveLength(6);
  });

  const refuses = (content: Buffer, detail: string) => {
    expect(() => decodeText(content)).toThrow(ImportFileError);
    expect(() => decodeText(content)).toThrow(detail);
    expect(() => decodeText(content)).toThrow("Lưu tệp bằng 'CSV UTF-8' trong Excel");
  };

  it('refuses UTF-16 without a BOM (NULs are no text)', () => {
    refuses(Buffer.from(ROSTER, 'utf16le'), 'U+0000');
  });

  it('refuses bytes Windows-1258 leaves undefined rather than storing U+FFFD', () => {
    refuses(Buffer.concat([Buffer.from('username\r\nnv'), Buffer.from([0x81]), Buffer.from('a\r\n')]), 'dòng 2');
    refuses(Buffer.from([0x41, 0x8d, 0x42]), 'U+FFFD');
  });

  it('refuses a BOM whose encoding the bytes do not follow, and control characters', () => {
    refuses(Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0x28]), 'UTF-8');
    refuses(Buffer.from('a,b\r\n1,\u0007\r\n'), 'U+0007');
    refuses(Buffer.from('a,\ufffd\r\n'), 'U+FFFD');
  });
});
