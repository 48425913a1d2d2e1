import { Global, Module } from '@nestjs/common';
import { PoolQueue } from './pool-queue';
import { ReadReplica } from './read-replica';
import { Transactions } from './transactions';

@Global()
@Module({ providers: [Transactions, ReadReplica, PoolQueue], exports: [Transactions, ReadReplica, PoolQueue] })
export class DatabaseModule {}
