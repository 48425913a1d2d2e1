import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ConfigModule } from '../config/config.module';
import { loadEnvironment } from '../config/environment';
import { LocalDiskStorage } from './local-disk.storage';
import { FileStorage, sha256Hex, StoredFileMissing } from './storage';
import { StorageModule } from './storage.module';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('LocalDiskStorage', () => {
  let root: string;
  let storage: LocalDiskStorage;
  const key = `attachments/ab/cd/${randomUUID()}`;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'lyluan-storage-'));
    storage = new LocalDiskStorage(root);
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it('puts, reads and deletes a file, creating its directories', async () => {
    const content = Buffer.from('Giáo trình Lý luận chính trị', 'utf8');
    await storage.put(key, content);
    expect(await readFile(join(root, key))).toEqual(content);
    expect(await readAll(await storage.read(key))).toEqual(content);
    await storage.delete(key);
    await expect(storage.read(key)).rejects.toBeInstanceOf(StoredFileMissing);
  });

  it('replaces a file whole and leaves no temporary file behind', async () => {
    await storage.put(key, Buffer.alloc(1024 * 1024, 1));
    const replacement = Buffer.from('mới');
    await storage.put(key, replacement);
    expect(await readAll(await storage.read(key))).toEqual(replacement);
    expect(await readdir(join(root, 'attachments/ab/cd'))).toEqual([key.split('/').pop()]);
  });

  it('keeps concurrent writers of one key from interleaving', async () => {
    const versions = [1, 2, 3, 4].map((n) => Buffer.alloc(256 * 1024, n));
    await Promise.all(versions.map((content) => storage.put(key, content)));
    const stored = await readAll(await storage.read(key));
    expect(versions.some((v) => v.equals(stored))).toBe(true);
  });

  it('throws StoredFileMissing for a key never stored, and deletes it without complaint', async () => {
    const error: unknown = await storage.read('attachments/none').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredFileMissing);
    expect((error as StoredFileMissing).key).toBe('attachments/none');
    await expect(storage.delete('attachments/none')).resolves.toBeUndefined();
  });

  it.each([
    '',
    '/etc/passwd',
    '../outside',
    'a/../../outside',
    'a/./b',
    'a//b',
    'a/',
    'a\\b',
    'C:/x',
    '.hidden',
    'a\0b',
  ])('refuses the key %j', async (bad) => {
    await expect(storage.put(bad, Buffer.from('x'))).rejects.toThrow('invalid storage key');
    await expect(storage.read(bad)).rejects.toThrow('invalid storage key');
    await expect(storage.delete(bad)).rejects.toThrow('invalid storage key');
    expect(await readdir(root)).toEqual([]);
  });
});

describe('sha256Hex', () => {
  it('hashes to lowercase hex', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('StorageModule', () => {
  it('provides FileStorage on disk under STORAGE_DIR', async () => {
    const root = await mkdtemp(join(tmpdir(), 'lyluan-storage-'));
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [ConfigModule.forRoot(loadEnvironment({ STORAGE_DIR: root })), StorageModule],
      }).compile();
      const storage = moduleRef.get(FileStorage);
      expect(storage).toBeInstanceOf(LocalDiskStorage);
      await storage.put('exports/x', Buffer.from('x'));
      expect(await readFile(join(root, 'exports/x'), 'utf8')).toBe('x');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
