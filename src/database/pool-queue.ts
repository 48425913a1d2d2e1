import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** The primary's connection pool as load shedding sees it. */
@Injectable()
export class PoolQueue {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Statements waiting for a connection right now: all DATABASE_POOL_SIZE are in use. */
  get waiting(): number {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool | undefined;
    return pool?.waitingCount ?? 0;
  }
}
