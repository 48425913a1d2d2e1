import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ImportJob, ImportRowError, ImportStatus } from './entities/import-job.entity';
import type { ImportTally } from './imports.service';

/** The imports table: an uploaded file, its progress and its refused rows. */
@Injectable()
export class ImportsRepository {
  create(
    em: EntityManager,
    job: Pick<ImportJob, 'kind' | 'subjectId' | 'createdByUserId' | 'filename' | 'content' | 'sheet'>,
  ): Promise<ImportJob> {
    return em.save(ImportJob, job);
  }

  findById(em: EntityManager, id: string): Promise<ImportJob | null> {
    return em.getRepository(ImportJob).findOneBy({ id });
  }

  /** The import with its file, which plain reads leave out. */
  findWithContent(em: EntityManager, id: string): Promise<ImportJob | null> {
    return em
      .getRepository(ImportJob)
      .createQueryBuilder('job')
      .addSelect('job.content')
      .where('job.id = :id', { id })
      .getOne();
  }

  /** Running from the start: a repeated job counts again from zero. */
  async markRunning(em: EntityManager, id: string): Promise<void> {
    await em.getRepository(ImportJob).update(id, {
      status: 'running',
      total: 0,
      processed: 0,
      succeeded: 0,
      created: 0,
      failed: 0,
      errors: [],
    });
  }

  async setTotal(em: EntityManager, id: string, total: number): Promise<void> {
    await em.getRepository(ImportJob).update(id, { total });
  }

  async addTally(em: EntityManager, id: string, tally: ImportTally): Promise<void> {
    await em.query(
      `UPDATE imports SET processed = processed + $2, succeeded = succeeded + $3, created = created + $4,
              failed = failed + $5, errors = errors || $6::jsonb WHERE id = $1`,
      [id, tally.processed, tally.succeeded, tally.created, tally.failed, JSON.stringify(tally.errors)],
    );
  }

  async finish(
    em: EntityManager,
    id: string,
    status: Extract<ImportStatus, 'done' | 'failed'>,
    errors: ImportRowError[],
  ): Promise<void> {
    await em.query(
      `UPDATE imports SET status = $2, finished_at = now(), errors = errors || $3::jsonb,
              failed = failed + $4 WHERE id = $1`,
      [id, status, JSON.stringify(errors), errors.length],
    );
  }
}
