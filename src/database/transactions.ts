import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * Where a use case starts its one transaction. Services get this instead of the `DataSource`, so
 * they cannot issue SQL themselves: they pass the `EntityManager` to repositories, theirs and (through
 * exported services) other features'.
 */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (em: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    return isolation ? this.dataSource.transaction(isolation, work) : this.dataSource.transaction(work);
  }

  /** Autocommit reads that need no transaction of their own (lists, lookups). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
