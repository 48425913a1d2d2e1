import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Zips written byte by byte, for tests that need archives no well-behaved writer (yazl) produces:
 * unsafe names, symlinks, encrypted flags, sizes that lie. No jest globals, so e2e tests can use it.
 */
export interface RawZipEntry {
  name: string;
  content?: Buffer;
  /** Default 'deflate'. */
  method?: 'store' | 'deflate';
  /** Uncompressed size written in the headers instead of the real one. */
  declaredSize?: number;
  /** Default 0o100644; 0o120777 makes a symlink. */
  unixMode?: number;
  /** Sets the "encrypted" flag (the data is not really encrypted). */
  encrypted?: boolean;
}

interface EncodedEntry {
  name: Buffer;
  flags: number;
  method: number;
  crc: number;
  data: Buffer;
  uncompressedSize: number;
  unixMode: number;
}

const UTF8_NAMES = 0x800;
const ENCRYPTED = 0x1;
const STORE = 0;
const DEFLATE = 8;
/** 2000-01-01 00:00 as DOS time and date. */
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;

export function buildZip(entries: RawZipEntry[]): Buffer {
  return assemble(
    entries.map((entry) => {
      const content = entry.content ?? Buffer.alloc(0);
      const stored = entry.method === 'store';
      const data = stored ? content : deflateRawSync(content);
      return {
        name: Buffer.from(entry.name, 'utf8'),
        flags: UTF8_NAMES | (entry.encrypted ? ENCRYPTED : 0),
        method: stored ? STORE : DEFLATE,
        crc: crc32(content),
        // Traditional encryption prefixes a 12-byte header, which readers expect in the sizes.
        data: entry.encrypted ? Buffer.concat([Buffer.alloc(12), data]) : data,
        uncompressedSize: entry.declaredSize ?? content.length,
        unixMode: entry.unixMode ?? 0o100644,
      };
    }),
  );
}

/**
 * One entry inflating to 200 MiB of zeros from about 200 KiB, its headers claiming 1 KiB. Built from
 * sync-flushed deflate segments of 1 MiB each, which concatenate into one stream, so memory stays low.
 */
export function zipBomb(): Buffer {
  const mebibyte = Buffer.alloc(1024 * 1024);
  const segment = deflateRawSync(mebibyte, { finishFlush: constants.Z_SYNC_FLUSH });
  const segments = 200;
  let crc = 0;
  for (let i = 0; i < segments; i++) crc = crc32(mebibyte, crc);
  const data = Buffer.concat([...Array<Buffer>(segments).fill(segment), deflateRawSync(Buffer.alloc(0))]);
  return assemble([
    {
      name: Buffer.from('bomb.bin'),
      flags: UTF8_NAMES,
      method: DEFLATE,
      crc,
      data,
      uncompressedSize: 1024,
      unixMode: 0o100644,
    },
  ]);
}

function assemble(records: EncodedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const record of records) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(record.flags, 6);
    local.writeUInt16LE(record.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(record.crc, 14);
    local.writeUInt32LE(record.data.length, 18);
    local.writeUInt32LE(record.uncompressedSize, 22);
    local.writeUInt16LE(record.name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, record.name, record.data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode in the external attributes counts
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(record.flags, 8);
    central.writeUInt16LE(record.method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(record.crc, 16);
    central.writeUInt32LE(record.data.length, 20);
    central.writeUInt32LE(record.uncompressedSize, 24);
    central.writeUInt16LE(record.name.length, 28);
    central.writeUInt32LE((record.unixMode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, record.name);

    offset += local.length + record.name.length + record.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
