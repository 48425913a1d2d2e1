import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { Environment } from '../../config/environment';
import { QueueModule } from '../../queue/queue.module';
import { UserAccountsModule } from '../users/user-accounts.module';
import { AuthController } from './auth.controller';
import { AuthenticationGuard, PermissionGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottle } from './login-throttle';
import { REFRESH_TOKEN_PURGE_JOB, RefreshTokenPurgeHandler } from './refresh-token-purge.handler';
import { RefreshTokenService } from './refresh-token.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevocations } from './session-revocations';

@Module({
  imports: [
    QueueModule.forFeature([{ name: REFRESH_TOKEN_PURGE_JOB, queue: 'system', attempts: 3, schedule: '27 3 * * *' }]),
    PassportModule,
    UserAccountsModule,
    JwtModule.registerAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({ secret: env.JWT_SECRET, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    RefreshTokenService,
    RefreshTokensRepository,
    RefreshTokenPurgeHandler,
    LoginThrottle,
    JwtStrategy,
    SessionRevocations,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: PermissionGuard },
  ],
  exports: [AuthService, RefreshTokenService],
})
export class AuthModule {}
