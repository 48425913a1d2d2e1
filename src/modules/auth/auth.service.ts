import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { UserAccountsService } from '../users/user-accounts.service';
import { invalidCredentials, tooManyLoginAttempts } from './auth.errors';
import { TokenPair } from './dto/tokens.dto';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import { RefreshTokenService } from './refresh-token.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly transactions: Transactions,
    private readonly accounts: UserAccountsService,
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
    if (wait > 0) throw tooManyLoginAttempts(wait);
    const user = await this.accounts.credentials(name);
    if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
      await this.throttle.recordFailure(name, ip);
      await this.audit.record(undefined, {
        action: 'auth.login.failed',
        targetType: user ? 'user' : null,
        targetId: user?.id ?? null,
        ip,
        details: { username: name },
      });
      throw invalidCredentials();
    }
    const pair = await this.transactions.run(async (em) => {
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
