import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/entities/user.entity';
import { TokenPair } from './dto/tokens.dto';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import { RefreshTokenService } from './refresh-token.service';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: RefreshTokenService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks the throttle before the password, so a throttled caller learns nothing about whether a
   * password is right. A failure is counted and audited on its own commit, since the request fails.
   */
  async login(username: string, password: string, ip: string): Promise<TokenPair> {
    const name = username.normalize('NFC');
    const wait = await this.throttle.secondsToWait(name, ip);
    if (wait > 0) {
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        {
          code: 'too_many_login_attempts',
          detail: `Đăng nhập sai quá nhiều lần; hãy thử lại sau ${wait} giây.`,
        },
        { 'retry-after': String(wait) },
      );
    }
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.username) = lower(:username)', { username: name })
      .getOne();
    if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
      await this.throttle.recordFailure(name, ip);
      await this.audit.record(undefined, {
        action: 'auth.login.failed',
        targetType: user ? 'user' : null,
        targetId: user?.id ?? null,
        ip,
        details: { username: name },
      });
      throw new ProblemException(HttpStatus.UNAUTHORIZED, {
        code: 'invalid_credentials',
        detail: 'Tên đăng nhập hoặc mật khẩu không đúng.',
      });
    }
    const pair = await this.dataSource.transaction(async (em) => {
      const session = await this.tokens.startFamily(em, user.id);
      await this.audit.record(em, {
        action: 'auth.login.succeeded',
        actorUserId: user.id,
        targetType: 'user',
        targetId: user.id,
        ip,
        details: { familyId: session.familyId },
      });
      return session.pair;
    });
    await this.throttle.clearUsername(name);
    return pair;
  }
}
