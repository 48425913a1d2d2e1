import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isDatabaseUnreachable } from '../common/problem.filter';

/** After the replica failed to answer, reads go to the primary this long before it is tried again. */
const RETRY_AFTER_MS = 5000;

/**
 * The replica of DATABASE_READ_URL, for reads that may lag a moment behind the primary. Without a
 * replica, or while it cannot be reached, the same reads run on the primary: a stopped replica
 * slows statistics down a little, it never refuses them and never touches writes.
 */
@Injectable()
export class ReadReplica {
  private readonly logger = new Logger(ReadReplica.name);
  private unreachableUntil = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get configured(): boolean {
    return this.dataSource.driver.isReplicated;
  }

  /** `work` on one replica connection (its queries in one session); on the primary as a fallback. */
  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.configured || Date.now() < this.unreachableUntil) return work(this.dataSource.manager);
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      return await work(runner.manager);
    } catch (error) {
      if (!isDatabaseUnreachable(error)) throw error;
      this.unreachableUntil = Date.now() + RETRY_AFTER_MS;
      this.logger.warn(`Replica unreachable, reading from the primary (${(error as Error).message})`);
      // A read has no effect to repeat: running it again on the primary is safe.
      return work(this.dataSource.manager);
    } finally {
      await runner.release();
    }
  }

  /**
   * Seconds the replica's data is behind the primary: 0 when it has replayed all it received (an idle
   * primary sends nothing, so the age of the last replayed transaction alone would grow forever) and
   * when the read URL is not a standby at all. Throws when the replica does not answer.
   */
  async lagSeconds(): Promise<number> {
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      const [row]: { lag: string | null }[] = await runner.query(
        `SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                     ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END AS lag`,
      );
      return Math.max(0, Number(row.lag ?? 0));
    } finally {
      await runner.release();
    }
  }
}
