import { Module } from '@nestjs/common';
import { UserAccountsService } from './user-accounts.service';
import { UsersRepository } from './users.repository';

/** People as authentication reads them; UsersModule shares its repository. */
@Module({
  providers: [UserAccountsService, UsersRepository],
  exports: [UserAccountsService, UsersRepository],
})
export class UserAccountsModule {}
