import * as yauzl from 'yauzl';
import * as yazl from 'yazl';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
}

/** `path` is the entry's name as written in the archive, '' when the archive as a whole is refused. */
export interface ZipEntryProblem {
  path: string;
  message: string;
}

/** Why `readZip` refused an archive; `tooLarge` tells a size or count refusal (413) from a malformed one (422). */
export class ZipRefused extends Error {
  constructor(
    readonly problems: ZipEntryProblem[],
    readonly tooLarge: boolean,
  ) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n'));
    this.name = 'ZipRefused';
  }
}

const NOT_A_ZIP = 'Tệp không phải là tệp zip hợp lệ.';
const UNREADABLE = 'Tệp zip bị hỏng hoặc dùng tính năng không được hỗ trợ.';
const EXPANDS_PAST_HEADER = 'Dữ liệu giải nén lớn hơn kích thước khai báo trong tệp zip.';

const NAME_RULES: [(name: string) => boolean, string][] = [
  [(name) => name === '', 'Tên mục trống.'],
  [(name) => /^([/\\]|[a-zA-Z]:)/.test(name), 'Đường dẫn tuyệt đối không được phép.'],
  [(name) => name.includes('\\'), 'Tên mục không được chứa dấu gạch chéo ngược (\\).'],
  [(name) => name.includes('\0'), 'Tên mục không được chứa ký tự NUL.'],
  [(name) => name.split('/').includes('..'), 'Đường dẫn không được chứa "..".'],
];

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function entryProblem(name: string, entry: yauzl.Entry): string | undefined {
  const badName = NAME_RULES.find(([isBad]) => isBad(name));
  if (badName) return badName[1];
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
    return 'Liên kết tượng trưng (symlink) không được phép.';
  }
  if (entry.isEncrypted()) return 'Mục được mã hóa (có mật khẩu) không được hỗ trợ.';
  return undefined;
}

function formatBytes(bytes: number): string {
  const vi = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${vi(bytes / (1024 * 1024))} MiB`;
  return bytes >= 1024 ? `${vi(bytes / 1024)} KiB` : `${bytes} byte`;
}

const entryTooLarge = (limits: ZipLimits) =>
  `Mục vượt quá giới hạn ${formatBytes(limits.maxEntryBytes)} sau khi giải nén.`;
const totalTooLarge = (limits: ZipLimits) =>
  `Tổng dung lượng sau khi giải nén vượt quá giới hạn ${formatBytes(limits.maxTotalBytes)}.`;

/**
 * The files of a zip held in memory, keyed by NFC-normalised name (directories are left out). Refuses
 * with `ZipRefused` an archive that is not a zip, has unsafe names (absolute, `..`, backslash, NUL),
 * symlinks, encrypted or duplicate entries, or exceeds `limits`, counted both from the headers and
 * from the bytes actually inflated, since headers can lie. Nothing is written to disk.
 */
export async function readZip(content: Buffer, limits: ZipLimits): Promise<Map<string, Buffer>> {
  const zipfile = await openZip(content);
  try {
    return await readEntries(zipfile, limits);
  } finally {
    zipfile.close();
  }
}

function openZip(content: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // Strings left undecoded: yauzl would stop at the first unsafe name and turn backslashes into
    // slashes, where we want to report every bad name as written.
    const options = { lazyEntries: true, validateEntrySizes: true, decodeStrings: false };
    yauzl.fromBuffer(content, options, (error, zipfile) =>
      error ? reject(new ZipRefused([{ path: '', message: NOT_A_ZIP }], false)) : resolve(zipfile),
    );
  });
}

function readEntries(zipfile: yauzl.ZipFile, limits: ZipLimits): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const files = new Map<string, Buffer>();
    const names = new Set<string>();
    const problems: ZipEntryProblem[] = [];
    let declaredTotal = 0;
    let actualTotal = 0;
    let settled = false;

    // Listeners stay attached after settling, so a late 'error' is ignored rather than unhandled.
    const refuse = (problem: ZipEntryProblem, tooLarge: boolean) => {
      if (settled) return;
      settled = true;
      reject(new ZipRefused([...problems, problem], tooLarge));
    };
    zipfile.on('error', () => refuse({ path: '', message: UNREADABLE }, false));
    zipfile.on('end', () => {
      if (settled) return;
      settled = true;
      if (problems.length > 0) reject(new ZipRefused(problems, false));
      else resolve(files);
    });

    zipfile.on('entry', (entry: yauzl.Entry) => {
      if (settled) return;
      const path = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const problem = entryProblem(path, entry);
      if (problem) {
        problems.push({ path, message: problem });
        return zipfile.readEntry();
      }
      if (path.endsWith('/')) return zipfile.readEntry();
      if (entry.uncompressedSize > limits.maxEntryBytes) return refuse({ path, message: entryTooLarge(limits) }, true);
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes) return refuse({ path, message: totalTooLarge(limits) }, true);
      const name = path.normalize('NFC');
      if (names.has(name)) problems.push({ path, message: 'Tên mục bị trùng.' });
      names.add(name);
      // Once refusal is certain, the rest is only scanned for more problems, not inflated.
      if (problems.length > 0) return zipfile.readEntry();

      zipfile.openReadStream(entry, (error, stream) => {
        if (error) return refuse({ path, message: UNREADABLE }, false);
        const chunks: Buffer[] = [];
        let entryBytes = 0;
        // Counted here as well as by yauzl's size validation, so the limits hold whatever the headers say.
        stream.on('data', (chunk: Buffer) => {
          entryBytes += chunk.length;
          actualTotal += chunk.length;
          if (entryBytes > limits.maxEntryBytes || actualTotal > limits.maxTotalBytes) {
            stream.destroy();
            const message = entryBytes > limits.maxEntryBytes ? entryTooLarge(limits) : totalTooLarge(limits);
            refuse({ path, message }, true);
          } else {
            chunks.push(chunk);
          }
        });
        stream.on('error', (streamError: Error) => {
          stream.destroy();
          // yauzl's check that an entry inflates to no more than its header says: how a zip bomb shows.
          const bomb = streamError.message.startsWith('too many bytes in the stream');
          refuse({ path, message: bomb ? EXPANDS_PAST_HEADER : UNREADABLE }, bomb);
        });
        stream.on('end', () => {
          if (settled) return;
          files.set(name, Buffer.concat(chunks));
          zipfile.readEntry();
        });
      });
    });

    if (zipfile.entryCount > limits.maxEntries) {
      refuse(
        { path: '', message: `Tệp zip có ${zipfile.entryCount} mục, vượt quá giới hạn ${limits.maxEntries}.` },
        true,
      );
    } else {
      zipfile.readEntry();
    }
  });
}

/** Fixed so the same content always zips to the same bytes; DOS-only timestamps keep it so in any time zone. */
const FIXED_MTIME = new Date(2000, 0, 1);

/** Deflated zip of the given files; paths use `/` and must be relative. */
export function writeZip(entries: { path: string; content: Buffer }[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    for (const { path, content } of entries) {
      zip.addBuffer(content, path, { mtime: FIXED_MTIME, forceDosTimestamp: true, compress: true });
    }
    zip.end();
  });
}
