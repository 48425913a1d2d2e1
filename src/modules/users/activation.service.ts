import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem';
import type { Principal } from '../auth/auth.decorators';
import { hashPassword } from '../auth/passwords';
import { ImportsService } from '../imports/imports.service';
import { hashActivationCode } from './activation';

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

@Injectable()
export class ActivationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: ImportsService,
  ) {}

  /**
   * The activation codes of an import, as CSV, for the admin who uploaded it: once. The readable
   * codes are erased as they are handed over; a second download is 410 Gone.
   */
  async exportCodes(principal: Principal, importId: string): Promise<string> {
    const job = await this.imports.get(principal, importId);
    if (job.status !== 'done') {
      throw new ProblemException(HttpStatus.CONFLICT, {
        code: 'import_not_finished',
        detail: 'Lượt nhập chưa xong; hãy tải mã kích hoạt khi trạng thái là done.',
      });
    }
    return this.dataSource.transaction(async (em) => {
      // An UPDATE … RETURNING answers [rows, affected count] through TypeORM.
      const [rows]: [{ username: string; full_name: string; code_plain: string; expires_at: Date }[], number] =
        await em.query(
          `UPDATE activation_codes a SET code_plain = NULL
           FROM users u, (SELECT id, code_plain FROM activation_codes
                           WHERE import_id = $1 AND code_plain IS NOT NULL FOR UPDATE) old
          WHERE a.id = old.id AND u.id = a.user_id
          RETURNING u.username, u.full_name, old.code_plain, a.expires_at`,
          [importId],
        );
      // `created` also counts enrolments; what says codes were issued is the codes themselves.
      const issued: unknown[] =
        rows.length === 0
          ? await em.query(`SELECT 1 FROM activation_codes WHERE import_id = $1 LIMIT 1`, [importId])
          : [];
      if (issued.length > 0) {
        throw new ProblemException(HttpStatus.GONE, {
          code: 'activation_codes_already_downloaded',
          detail: 'Danh sách mã kích hoạt chỉ tải được một lần và đã được tải.',
        });
      }
      const lines = rows
        .sort((a, b) => a.username.localeCompare(b.username))
        .map((r) => [r.username, r.full_name, r.code_plain, r.expires_at.toISOString()].map(csvCell).join(','));
      return `\ufeffusername,fullName,activationCode,expiresAt\r\n${lines.map((l) => `${l}\r\n`).join('')}`;
    });
  }

  /** Exchanges a valid, unused, unexpired code for a password; every failure looks the same. */
  async activate(username: string, code: string, newPassword: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const [match]: { id: string; user_id: string }[] = await em.query(
        `SELECT a.id, a.user_id FROM activation_codes a JOIN users u ON u.id = a.user_id
          WHERE lower(u.username) = lower($1) AND a.code_hash = $2 AND a.used_at IS NULL AND a.expires_at > now()
          FOR UPDATE OF a`,
        [username.normalize('NFC'), hashActivationCode(code)],
      );
      if (!match) {
        throw new ProblemException(HttpStatus.BAD_REQUEST, {
          code: 'invalid_activation_code',
          detail: 'Tên đăng nhập hoặc mã kích hoạt không đúng, đã dùng hoặc đã hết hạn.',
        });
      }
      await em.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [
        match.user_id,
        await hashPassword(newPassword),
      ]);
      await em.query(
        `UPDATE activation_codes SET used_at = now(), code_plain = NULL WHERE user_id = $1 AND used_at IS NULL`,
        [match.user_id],
      );
    });
  }
}
