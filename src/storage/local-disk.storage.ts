import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { FileStorage, StoredFileMissing } from './storage';

/**
 * Segments of letters, digits, `_`, `-` and `.`, not starting with a dot: no `..`, no absolute path,
 * no backslash, and no clash with the dot-prefixed temporary files `put` writes.
 */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Files under one root directory, one file per key, subdirectories created as needed. */
export class LocalDiskStorage extends FileStorage {
  private readonly rootDir: string;

  constructor(rootDir: string) {
    super();
    this.rootDir = resolve(rootDir);
  }

  /** Written to a temporary file in the same directory, flushed, then renamed over the key: atomic on POSIX. */
  async put(key: string, content: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
    try {
      const file = await open(temporary, 'wx');
      try {
        await file.writeFile(content);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  async read(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    // Opened here rather than by the stream, so a missing file fails this call instead of the stream.
    const file = await open(path, 'r').catch((error: unknown) => {
      throw isMissing(error) ? new StoredFileMissing(key) : error;
    });
    return file.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
    return join(this.rootDir, key);
  }
}
