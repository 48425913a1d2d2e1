import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { OutboxService } from '../../queue/outbox.service';
import type { ImportTopic } from '../../queue/topics';
import type { Principal } from '../auth/auth.decorators';
import { isSystemAdmin } from '../auth/permissions';
import { ImportJob, ImportRowError, ImportStatus } from './entities/import-job.entity';
import { ImportFileError } from './import-file-error';
import { checkImportFile, ImportColumn, ImportTable, readImportFile } from './import-table';
import { ImportsRepository } from './imports.repository';

export type { ImportRowError } from './entities/import-job.entity';

export interface ImportTally {
  processed: number;
  succeeded: number;
  created: number;
  failed: number;
  errors: ImportRowError[];
}

/**
 * The imports framework: a file is stored with its import row and an outbox event in the request's
 * transaction (202 at once), a job of the kind applies it and reports progress and refused rows.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: ImportsRepository,
    private readonly outbox: OutboxService,
    private readonly env: Environment,
  ) {}

  async enqueue(
    em: EntityManager,
    job: {
      kind: string;
      /** The import topic of the kind; its subscriber applies the file. */
      topic: ImportTopic;
      subjectId?: string;
      createdByUserId: string | null;
      filename: string;
      content: Buffer;
      /** The sheet of a workbook to read; the first when absent. */
      sheet?: string;
    },
  ): Promise<ImportJob> {
    // A file in an unreadable encoding is refused at once (400), before anything is stored.
    try {
      checkImportFile(job.content);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      throw validationProblem([{ field: 'file', message: error.message }]);
    }
    const saved = await this.repository.create(em, {
      kind: job.kind,
      subjectId: job.subjectId ?? null,
      createdByUserId: job.createdByUserId,
      filename: job.filename,
      content: job.content,
      sheet: job.sheet ?? null,
    });
    await this.outbox.publish(em, job.topic, { importId: saved.id }, { dedupeKey: `import:${saved.id}` });
    return saved;
  }

  /** The import, for the person who uploaded it (or a system admin); 404 for anyone else. */
  async get(principal: Principal, id: string): Promise<ImportJob> {
    const job = await this.repository.findById(this.transactions.manager, id);
    const systemAdmin = isSystemAdmin(principal);
    const uploader = !!principal.userId && job?.createdByUserId === principal.userId;
    if (!job || !(uploader || systemAdmin)) throw notFound();
    return job;
  }

  /** The file and state of an import about to run; null when it already finished (a repeated job). */
  private async begin(id: string): Promise<ImportJob | null> {
    const job = await this.repository.findWithContent(this.transactions.manager, id);
    if (!job || job.status === 'done' || job.status === 'failed') return null;
    await this.repository.markRunning(this.transactions.manager, id);
    return job;
  }

  /**
   * Starts a job: its file read with the columns of the kind and its total set. Null when there is
   * nothing to do, a repeated job or a file refused whole (the import then fails with the reason).
   */
  async open(id: string, columns: readonly ImportColumn[]): Promise<{ job: ImportJob; table: ImportTable } | null> {
    const job = await this.begin(id);
    if (!job) return null;
    let table: ImportTable;
    try {
      table = await readImportFile(job.content, columns, {
        sheet: job.sheet ?? undefined,
        maxUnpackedBytes: this.env.IMPORT_MAX_UNPACKED_BYTES,
      });
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      await this.finish(id, 'failed', [{ row: 1, message: error.message }]);
      return null;
    }
    await this.repository.setTotal(this.transactions.manager, id, table.rows.length);
    return { job, table };
  }

  /** Adds a batch's counts and refused rows, inside the batch's own transaction. */
  async record(em: EntityManager, id: string, tally: ImportTally): Promise<void> {
    await this.repository.addTally(em, id, tally);
  }

  async finish(
    id: string,
    status: Extract<ImportStatus, 'done' | 'failed'>,
    errors: ImportRowError[] = [],
  ): Promise<void> {
    await this.repository.finish(this.transactions.manager, id, status, errors);
  }
}
