import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import type { Principal } from '../auth/auth.decorators';
import { hashPassword } from '../auth/passwords';
import { ImportsService } from '../imports/imports.service';
import { hashActivationCode } from './activation';
import { ActivationCodesRepository } from './activation-codes.repository';
import { activationCodesAlreadyDownloaded, importNotFinished, invalidActivationCode } from './users.errors';
import { UsersRepository } from './users.repository';

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

@Injectable()
export class ActivationService {
  constructor(
    private readonly transactions: Transactions,
    private readonly codes: ActivationCodesRepository,
    private readonly users: UsersRepository,
    private readonly imports: ImportsService,
  ) {}

  /**
   * The activation codes of an import, as CSV, for the admin who uploaded it: once. The readable
   * codes are erased as they are handed over; a second download is 410 Gone.
   */
  async exportCodes(principal: Principal, importId: string): Promise<string> {
    const job = await this.imports.get(principal, importId);
    if (job.status !== 'done') throw importNotFinished();
    return this.transactions.run(async (em) => {
      const rows = await this.codes.handOver(em, importId);
      // `created` also counts enrolments; what says codes were issued is the codes themselves.
      if (rows.length === 0 && (await this.codes.anyIssued(em, importId))) throw activationCodesAlreadyDownloaded();
      const lines = rows
        .sort((a, b) => a.username.localeCompare(b.username))
        .map((r) => [r.username, r.full_name, r.code_plain, r.expires_at.toISOString()].map(csvCell).join(','));
      return `\ufeffusername,fullName,activationCode,expiresAt\r\n${lines.map((l) => `${l}\r\n`).join('')}`;
    });
  }

  /** Exchanges a valid, unused, unexpired code for a password; every failure looks the same. */
  async activate(username: string, code: string, newPassword: string): Promise<void> {
    await this.transactions.run(async (em) => {
      const match = await this.codes.findUsableForUpdate(em, username.normalize('NFC'), hashActivationCode(code));
      if (!match) throw invalidActivationCode();
      await this.users.setPasswordHash(em, match.user_id, await hashPassword(newPassword));
      await this.codes.useAllOf(em, match.user_id);
    });
  }
}
