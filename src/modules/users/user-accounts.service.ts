import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import type { Principal } from '../auth/auth.decorators';
import { UsersRepository } from './users.repository';

/**
 * The reads authentication needs about people: auth depends on these while users depends on auth
 * (its refresh tokens), so they live in a module of their own.
 */
@Injectable()
export class UserAccountsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
  ) {}

  /** The account of a login name (any case), with its password hash; null when there is none. */
  async credentials(username: string): Promise<{ id: string; passwordHash: string | null } | null> {
    const user = await this.users.findByUsernameWithPassword(this.transactions.manager, username);
    return user ? { id: user.id, passwordHash: user.passwordHash } : null;
  }

  /** The person with the roles they hold now; null when the account is gone. */
  async principal(userId: string): Promise<Principal | null> {
    const found = await this.users.principalOf(this.transactions.manager, userId);
    return found && { userId: found.id, username: found.username, roles: found.roles };
  }
}
