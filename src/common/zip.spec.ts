import { randomBytes } from 'node:crypto';
import { buildZip, RawZipEntry, zipBomb } from '../../test/support/zip-fixtures';
import { readZip, writeZip, ZipRefused } from './zip';

const LIMITS = { maxEntries: 10, maxTotalBytes: 10_000, maxEntryBytes: 5_000 };

async function refusal(content: Buffer, limits = LIMITS): Promise<ZipRefused> {
  const error: unknown = await readZip(content, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ZipRefused)) throw new Error(`expected ZipRefused, got ${String(error)}`);
  return error;
}

const refusalOf = (entries: RawZipEntry[], limits = LIMITS) => refusal(buildZip(entries), limits);
const text = (s: string) => Buffer.from(s, 'utf8');

describe('writeZip and readZip', () => {
  it('round-trips files with Vietnamese names and nested folders', async () => {
    const entries = [
      { path: 'khoa-hoc.json', content: text('{"tên":"Lý luận chính trị"}') },
      { path: 'Bài 1/Giới thiệu.txt', content: text('Chủ nghĩa Mác – Lênin '.repeat(100)) },
      { path: 'Bài 1/rỗng.txt', content: Buffer.alloc(0) },
    ];
    const files = await readZip(await writeZip(entries), LIMITS);
    expect(files).toEqual(new Map(entries.map((e) => [e.path, e.content])));
  });

  it('writes the same bytes for the same content', async () => {
    const entries = [{ path: 'a.txt', content: text('một') }];
    expect((await writeZip(entries)).equals(await writeZip(entries))).toBe(true);
  });

  it('rejects a path yazl cannot write', async () => {
    await expect(writeZip([{ path: '../x', content: text('x') }])).rejects.toThrow();
  });
});

describe('readZip', () => {
  it('reads stored and deflated entries, skips directories and NFC-normalises names', async () => {
    const nfd = 'Bài học.txt'.normalize('NFD');
    const files = await readZip(
      buildZip([
        { name: 'thư mục/', method: 'store' },
        { name: 'thư mục/a.txt', method: 'store', content: text('a') },
        { name: nfd, content: text('b') },
      ]),
      LIMITS,
    );
    expect([...files.keys()]).toEqual(['thư mục/a.txt', 'Bài học.txt'.normalize('NFC')]);
    expect(files.get('thư mục/a.txt')).toEqual(text('a'));
  });

  it('refuses random bytes as not a zip', async () => {
    const error = await refusal(randomBytes(4096));
    expect(error.tooLarge).toBe(false);
    expect(error.problems).toEqual([{ path: '', message: 'Tệp không phải là tệp zip hợp lệ.' }]);
  });

  it('refuses a truncated zip without hanging', async () => {
    const zip = await writeZip([{ path: 'a.txt', content: randomBytes(3000) }]);
    for (const length of [0, 10, zip.length / 2, zip.length - 10]) {
      expect((await refusal(zip.subarray(0, length))).tooLarge).toBe(false);
    }
  });

  it('refuses an entry whose compressed data is corrupt', async () => {
    const zip = buildZip([{ name: 'a.txt', content: text('abc'.repeat(500)) }]);
    zip[30 + 'a.txt'.length] = 0xff; // the first deflate block header: reserved block type
    const error = await refusal(zip);
    expect(error.tooLarge).toBe(false);
    expect(error.problems).toEqual([
      { path: 'a.txt', message: 'Tệp zip bị hỏng hoặc dùng tính năng không được hỗ trợ.' },
    ]);
  });

  it.each([
    ['/etc/passwd', 'Đường dẫn tuyệt đối không được phép.'],
    ['C:\\Windows\\x.txt', 'Đường dẫn tuyệt đối không được phép.'],
    ['c:x.txt', 'Đường dẫn tuyệt đối không được phép.'],
    ['\\\\server\\share\\x.txt', 'Đường dẫn tuyệt đối không được phép.'],
    ['a/../../x.txt', 'Đường dẫn không được chứa "..".'],
    ['..', 'Đường dẫn không được chứa "..".'],
    ['a\\x.txt', 'Tên mục không được chứa dấu gạch chéo ngược (\\).'],
    ['a\0.txt', 'Tên mục không được chứa ký tự NUL.'],
    ['', 'Tên mục trống.'],
  ])('refuses the name %j', async (name, message) => {
    const error = await refusalOf([
      { name: 'ok.txt', content: text('ok') },
      { name, content: text('x') },
    ]);
    expect(error.tooLarge).toBe(false);
    expect(error.problems).toEqual([{ path: name, message }]);
  });

  it('refuses a symlink', async () => {
    const error = await refusalOf([{ name: 'link', content: text('/etc/passwd'), unixMode: 0o120777 }]);
    expect(error.problems).toEqual([{ path: 'link', message: 'Liên kết tượng trưng (symlink) không được phép.' }]);
    expect(error.tooLarge).toBe(false);
  });

  it('refuses an encrypted entry', async () => {
    const error = await refusalOf([{ name: 'secret.txt', method: 'store', content: text('x'), encrypted: true }]);
    expect(error.problems).toEqual([
      { path: 'secret.txt', message: 'Mục được mã hóa (có mật khẩu) không được hỗ trợ.' },
    ]);
    expect(error.tooLarge).toBe(false);
  });

  it('refuses duplicate names, also when they differ only in Unicode normalisation', async () => {
    const error = await refusalOf([
      { name: 'Bài.txt'.normalize('NFC'), content: text('1') },
      { name: 'Bài.txt'.normalize('NFD'), content: text('2') },
    ]);
    expect(error.problems).toEqual([{ path: 'Bài.txt'.normalize('NFD'), message: 'Tên mục bị trùng.' }]);
  });

  it('reports every bad entry at once', async () => {
    const error = await refusalOf([
      { name: '/abs' },
      { name: 'fine.txt' },
      { name: 'a/../b' },
      { name: 'link', unixMode: 0o120777 },
    ]);
    expect(error.problems.map((p) => p.path)).toEqual(['/abs', 'a/../b', 'link']);
    expect(error.message).toContain('/abs: Đường dẫn tuyệt đối không được phép.');
  });

  it('refuses more entries than allowed before reading any', async () => {
    const entries = Array.from({ length: 11 }, (_, i) => ({ name: `${i}.txt` }));
    const error = await refusalOf(entries);
    expect(error.tooLarge).toBe(true);
    expect(error.problems).toEqual([{ path: '', message: 'Tệp zip có 11 mục, vượt quá giới hạn 10.' }]);
  });

  it('refuses an entry declared larger than maxEntryBytes', async () => {
    const error = await refusalOf([{ name: 'big.bin', content: Buffer.alloc(5_001) }]);
    expect(error.tooLarge).toBe(true);
    expect(error.problems).toEqual([{ path: 'big.bin', message: 'Mục vượt quá giới hạn 4,9 KiB sau khi giải nén.' }]);
  });

  it('refuses entries declared larger than maxTotalBytes together', async () => {
    const entries = [1, 2, 3].map((i) => ({ name: `${i}.bin`, content: Buffer.alloc(4_000) }));
    const error = await refusalOf(entries);
    expect(error.tooLarge).toBe(true);
    expect(error.problems).toEqual([
      { path: '3.bin', message: 'Tổng dung lượng sau khi giải nén vượt quá giới hạn 9,8 KiB.' },
    ]);
  });

  it('refuses an entry that inflates to more than its header declares', async () => {
    const error = await refusalOf([{ name: 'a.txt', content: Buffer.alloc(4_000), declaredSize: 10 }]);
    expect(error.tooLarge).toBe(true);
    expect(error.problems).toEqual([
      { path: 'a.txt', message: 'Dữ liệu giải nén lớn hơn kích thước khai báo trong tệp zip.' },
    ]);
  });

  it('refuses a stored entry whose sizes disagree', async () => {
    const error = await refusalOf([{ name: 'a.txt', method: 'store', content: text('abc'), declaredSize: 1 }]);
    expect(error.tooLarge).toBe(false);
  });

  it('refuses a zip bomb quickly, without inflating it', async () => {
    const bomb = zipBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const error = await refusal(bomb, { maxEntries: 10, maxEntryBytes: 100 * 1024 * 1024, maxTotalBytes: 100e6 });
    expect(error.tooLarge).toBe(true);
    expect(error.problems[0].path).toBe('bomb.bin');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
