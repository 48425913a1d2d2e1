import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { Logger as PinoRoot } from 'pino';
import { loggerModuleParams } from './common/logging';
import { ConfigModule } from './config/config.module';
import { Environment } from './config/environment';
import { DatabaseModule } from './database/database.module';
import { dataSourceOptions } from './database/data-source-options';
import { AuditModule } from './modules/audit/audit.module';
import { CertificatesModule } from './modules/certificates/certificates.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { StatisticsModule } from './modules/statistics/statistics.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuthModule } from './modules/auth/auth.module';
import { ClassesModule } from './modules/classes/classes.module';
import { CurriculaModule } from './modules/curricula/curricula.module';
import { EnrollmentsModule } from './modules/enrollments/enrollments.module';
import { ExamsModule } from './modules/exams/exams.module';
import { HealthModule } from './modules/health/health.module';
import { OrgUnitsModule } from './modules/org-units/org-units.module';
import { QuestionBankModule } from './modules/question-bank/question-bank.module';
import { UsersModule } from './modules/users/users.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { PLATFORM_JOBS, QueueModule } from './queue/queue.module';
import { StorageModule } from './storage/storage.module';

type ModuleImport = NonNullable<DynamicModule['imports']>[number];

@Module({})
export class AppModule {
  /** The whole application; `extra` lets tests add modules of their own (jobs, probes). */
  static forRoot(env: Environment, rootLogger: PinoRoot, extra: ModuleImport[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggerModule.forRoot(loggerModuleParams(rootLogger)),
        TypeOrmModule.forRoot(dataSourceOptions(env)),
        DatabaseModule,
        QueueModule,
        QueueModule.forFeature(PLATFORM_JOBS),
        IdempotencyModule,
        AuditModule,
        AuthModule,
        HealthModule,
        OrgUnitsModule,
        UsersModule,
        ApiKeysModule,
        StorageModule,
        CurriculaModule,
        QuestionBankModule,
        ClassesModule,
        EnrollmentsModule,
        ExamsModule,
        CertificatesModule,
        NotificationsModule,
        WebhooksModule,
        RemindersModule,
        StatisticsModule,
        ...extra,
      ],
    };
  }
}
