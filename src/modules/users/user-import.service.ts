import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength, validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { todayIn } from '../../common/calendar';
import { flattenValidationErrors } from '../../common/validation';
import { normalizeName } from '../../common/vietnamese';
import { Environment } from '../../config/environment';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';
import type { Principal } from '../auth/auth.decorators';
import { CsvError, CsvRow, readCsv } from '../imports/csv';
import { ImportRowError } from '../imports/entities/import-job.entity';
import { ImportsService, ImportTally } from '../imports/imports.service';
import { OrgScopeService } from '../org-units/org-scope.service';
import { hashActivationCode, newActivationCode } from './activation';
import { NewPersonFields } from './dto/user.dto';
import { personSearchText } from './entities/user.entity';

export const USERS_IMPORT_JOB = 'imports.users';
export const USER_CSV_COLUMNS = [
  'username',
  'fullName',
  'dateOfBirth',
  'email',
  'phone',
  'partyStatus',
  'partyAdmissionDate',
  'orgUnitCode',
] as const;
const BATCH_SIZE = 1000;

/** One CSV row, validated with the same rules as `POST /users`. */
class UserImportRow extends NewPersonFields {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  orgUnitCode: string;
}

interface ValidRow {
  line: number;
  row: UserImportRow;
  orgUnitId: string;
}

interface UnitInfo {
  id: string;
  active: boolean;
  inScope: boolean;
}

/**
 * `POST /users/import`: people from a CSV. Valid rows are applied, invalid ones reported with their
 * line; a username already in scope is matched, not duplicated, so the same file twice changes
 * nothing. New people get the learner role at their unit and a one-time activation code.
 */
@Injectable()
export class UserImportService {
  private readonly logger = new Logger(UserImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: ImportsService,
    private readonly scope: OrgScopeService,
    private readonly env: Environment,
  ) {}

  async enqueue(principal: Principal, file: { filename: string; content: Buffer }): Promise<string> {
    const job = await this.dataSource.transaction((em) =>
      this.imports.enqueue(em, {
        kind: 'users',
        jobName: USERS_IMPORT_JOB,
        createdByUserId: principal.userId,
        filename: file.filename,
        content: file.content,
      }),
    );
    return job.id;
  }

  @JobHandler(USERS_IMPORT_JOB)
  async run(payload: Record<string, unknown>, _context: JobContext): Promise<void> {
    const importId = String(payload.importId);
    const job = await this.imports.begin(importId);
    if (!job) return;
    let rows: CsvRow[];
    try {
      rows = readCsv(job.content, USER_CSV_COLUMNS);
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      await this.imports.finish(importId, 'failed', [{ row: 1, message: error.message }]);
      return;
    }
    await this.imports.setTotal(importId, rows.length);
    const importer = await this.principalOf(job.createdByUserId);
    const { valid, errors } = await this.validate(rows, importer);
    await this.dataSource.transaction((em) =>
      this.imports.record(em, importId, {
        processed: errors.length,
        succeeded: 0,
        created: 0,
        failed: errors.length,
        errors,
      }),
    );
    for (let start = 0; start < valid.length; start += BATCH_SIZE) {
      await this.dataSource.transaction(async (em) => {
        const tally = await this.applyBatch(em, importId, importer, valid.slice(start, start + BATCH_SIZE));
        await this.imports.record(em, importId, tally);
      });
    }
    await this.imports.finish(importId, 'done');
    this.logger.log(`Import ${importId}: ${valid.length} valid rows, ${errors.length} refused`);
  }

  private async validate(
    rows: CsvRow[],
    importer: Principal,
  ): Promise<{ valid: ValidRow[]; errors: ImportRowError[] }> {
    const units = await this.units(rows, importer);
    const today = todayIn(this.env.DEFAULT_TIMEZONE);
    const firstLine = new Map<string, number>();
    const valid: ValidRow[] = [];
    const errors: ImportRowError[] = [];
    for (const { line, values } of rows) {
      const plain = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
      const row = plainToInstance(UserImportRow, plain);
      const problems = flattenValidationErrors(validateSync(row, { whitelist: true })).map(
        (e) => `${e.field}: ${e.message}`,
      );
      const status = row.partyStatus ?? 'none';
      if ((status === 'probationary' || status === 'full') && !row.partyAdmissionDate) {
        problems.push('partyAdmissionDate: là bắt buộc với đảng viên dự bị và chính thức');
      }
      if (row.partyAdmissionDate && row.partyAdmissionDate > today) {
        problems.push('partyAdmissionDate: không được ở tương lai');
      }
      const unit = row.orgUnitCode ? units.get(row.orgUnitCode.toLowerCase()) : undefined;
      if (row.orgUnitCode && (!unit || !unit.inScope)) {
        problems.push(`orgUnitCode: không có đơn vị mã "${row.orgUnitCode}" trong phạm vi của bạn`);
      } else if (unit && !unit.active) {
        problems.push(`orgUnitCode: đơn vị "${row.orgUnitCode}" đã được sáp nhập`);
      }
      const key = row.username?.toLowerCase();
      if (key && firstLine.has(key)) {
        problems.push(`username: trùng với dòng ${firstLine.get(key)}`);
      } else if (key) {
        firstLine.set(key, line);
      }
      if (problems.length > 0) errors.push({ row: line, message: problems.join('; ') });
      else valid.push({ line, row, orgUnitId: unit!.id });
    }
    return { valid, errors };
  }

  /** Every unit code of the file at once: whether it exists, is active and lies in the importer's scope. */
  private async units(rows: CsvRow[], importer: Principal): Promise<Map<string, UnitInfo>> {
    const codes = [...new Set(rows.map((r) => r.values.orgUnitCode?.toLowerCase()).filter(Boolean))];
    const found: { id: string; code: string; active: boolean }[] = await this.dataSource.query(
      `SELECT id, code, active FROM org_units WHERE lower(code) = ANY($1)`,
      [codes],
    );
    const covered = await this.scope.coveredUnits(
      importer,
      'users.write',
      found.map((u) => u.id),
    );
    return new Map(
      found.map((u) => [u.code.toLowerCase(), { id: u.id, active: u.active, inScope: covered.has(u.id) }]),
    );
  }

  private async applyBatch(
    em: EntityManager,
    importId: string,
    importer: Principal,
    batch: ValidRow[],
  ): Promise<ImportTally> {
    const errors: ImportRowError[] = [];
    const existing: { id: string; username: string; org_unit_id: string | null; from_this_import: boolean }[] =
      await em.query(
        `SELECT u.id, lower(u.username) AS username, u.org_unit_id,
                EXISTS (SELECT 1 FROM activation_codes a WHERE a.user_id = u.id AND a.import_id = $2) AS from_this_import
           FROM users u WHERE lower(u.username) = ANY($1)`,
        [batch.map((v) => v.row.username.toLowerCase()), importId],
      );
    const byName = new Map(existing.map((e) => [e.username, e]));
    const covered = await this.scope.coveredUnits(
      importer,
      'users.write',
      existing.map((e) => e.org_unit_id).filter((id): id is string => !!id),
      em,
    );
    const fresh: ValidRow[] = [];
    let matched = 0;
    let createdEarlier = 0;
    for (const item of batch) {
      const known = byName.get(item.row.username.toLowerCase());
      if (!known) {
        fresh.push(item);
      } else if (known.org_unit_id && covered.has(known.org_unit_id)) {
        matched++;
        // A retried job finds the people its first run made: they still count as created.
        if (known.from_this_import) createdEarlier++;
      } else {
        errors.push({ row: item.line, message: `username: tên đăng nhập "${item.row.username}" đã được dùng` });
      }
    }
    if (fresh.length > 0) await this.insertPeople(em, importId, fresh);
    return {
      processed: batch.length,
      succeeded: fresh.length + matched,
      created: fresh.length + createdEarlier,
      failed: errors.length,
      errors,
    };
  }

  /** One multi-row INSERT per table: a 10,000-row file is a handful of statements. */
  private async insertPeople(em: EntityManager, importId: string, rows: ValidRow[]): Promise<void> {
    const ids = rows.map(() => randomUUID());
    const codes = rows.map(() => newActivationCode());
    const expires = new Date(Date.now() + this.env.ACTIVATION_CODE_TTL_DAYS * 24 * 3600 * 1000);
    await em.query(
      `INSERT INTO users (id, username, full_name, search_text, email, phone, date_of_birth, org_unit_id,
                          party_status, party_admission_date)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[],
                            $8::uuid[], $9::text[], $10::date[])`,
      [
        ids,
        rows.map((r) => r.row.username),
        rows.map((r) => normalizeName(r.row.fullName)),
        rows.map((r) => personSearchText(r.row.fullName, r.row.username)),
        rows.map((r) => r.row.email ?? null),
        rows.map((r) => r.row.phone ?? null),
        rows.map((r) => r.row.dateOfBirth ?? null),
        rows.map((r) => r.orgUnitId),
        rows.map((r) => r.row.partyStatus ?? 'none'),
        rows.map((r) => r.row.partyAdmissionDate ?? null),
      ],
    );
    await em.query(
      `INSERT INTO role_assignments (user_id, role, org_unit_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[])`,
      [ids, ids.map(() => 'learner'), rows.map((r) => r.orgUnitId)],
    );
    await em.query(
      `INSERT INTO activation_codes (user_id, import_id, code_hash, code_plain, expires_at)
       SELECT u, $2::uuid, h, p, $5::timestamptz FROM unnest($1::uuid[], $3::text[], $4::text[]) AS t(u, h, p)`,
      [ids, importId, codes.map(hashActivationCode), codes, expires],
    );
  }

  /** The importer as the guards would see them: scope is checked with their roles at run time. */
  private async principalOf(userId: string | null): Promise<Principal> {
    const roles: { role: Principal['roles'][number]['role']; org_unit_id: string | null }[] = userId
      ? await this.dataSource.query(`SELECT role, org_unit_id FROM role_assignments WHERE user_id = $1`, [userId])
      : [];
    return {
      userId,
      username: userId ?? 'unknown',
      roles: roles.map((r) => ({ role: r.role, orgUnitId: r.org_unit_id })),
    };
  }
}
