import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { ImportsModule } from '../imports/imports.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { ActivationCodesRepository } from './activation-codes.repository';
import { ActivationController } from './activation.controller';
import { ActivationService } from './activation.service';
import { MeController } from './me.controller';
import { PeopleImportService } from './people-import.service';
import { UserAccountsModule } from './user-accounts.module';
import { USERS_IMPORT_SUBSCRIBER, USERS_IMPORT_TOPIC, UserImportService } from './user-import.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    AccessModule,
    AuthModule,
    OrgUnitsModule,
    ImportsModule,
    UserAccountsModule,
    QueueModule.forFeature([{ name: USERS_IMPORT_SUBSCRIBER, topic: USERS_IMPORT_TOPIC, queue: 'imports' }]),
  ],
  controllers: [UsersController, MeController, ActivationController],
  providers: [UsersService, UserImportService, PeopleImportService, ActivationService, ActivationCodesRepository],
  exports: [UsersService, PeopleImportService],
})
export class UsersModule {}
