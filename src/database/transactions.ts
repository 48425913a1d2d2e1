import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { ReadReplica } from './read-replica';

/**
 * Where a use case starts its one transaction. Services get this instead of the `DataSource`, so
 * they cannot issue SQL themselves: they pass the `EntityManager` to repositories, theirs and (through
 * exported services) other features'.
 */
@Injectable()
export class Transactions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replica: ReadReplica,
  ) {}

  run<T>(work: (em: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    return isolation ? this.dataSource.transaction(isolation, work) : this.dataSource.transaction(work);
  }

  /** Autocommit reads that need no transaction of their own (lists, lookups), on the primary. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Autocommit reads that may lag a moment behind the last writes (statistics, read-only lists): on
   * the replica when DATABASE_READ_URL is set. Anything that must see a write just made uses `manager`.
   */
  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.replica.run(work);
  }
}
