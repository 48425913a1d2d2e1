import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where uploaded files live, by key (e.g. `attachments/ab/cd/<uuid>`). Local disk today; an
 * S3-compatible store can implement the same contract.
 */
export abstract class FileStorage {
  /** Stores `content` under `key`, replacing what was there; readers never see a partial file. */
  abstract put(key: string, content: Buffer): Promise<void>;

  /** Throws `StoredFileMissing` when nothing is stored under `key`. */
  abstract read(key: string): Promise<Readable>;

  /** Deleting a key that holds nothing is not an error. */
  abstract delete(key: string): Promise<void>;
}

export class StoredFileMissing extends Error {
  constructor(readonly key: string) {
    super(`no stored file under ${key}`);
    this.name = 'StoredFileMissing';
  }
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
