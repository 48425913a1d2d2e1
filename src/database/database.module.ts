import { Global, Module } from '@nestjs/common';
import { ReadReplica } from './read-replica';
import { Transactions } from './transactions';

@Global()
@Module({ providers: [Transactions, ReadReplica], exports: [Transactions, ReadReplica] })
export class DatabaseModule {}
