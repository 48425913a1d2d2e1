import { Injectable, Logger } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { ImportColumn, ImportTable } from '../imports/import-table';
import type { ImportRowError } from '../imports/imports.service';
import { ImportsService, ImportTally } from '../imports/imports.service';
import { ImportTemplate } from '../imports/template';
import { OrgUnitsService } from '../org-units/org-units.service';
import { NewPersonFields } from './dto/user.dto';
import { NewPerson, PeopleImportService, PERSON_COLUMNS } from './people-import.service';
import { UsersRepository } from './users.repository';

export const USERS_IMPORT_TOPIC = 'imports.users';
export const USERS_IMPORT_SUBSCRIBER = 'users.run-import';
const UNIT_LIST_SHEET = 'Mã đơn vị';
export const USER_COLUMNS: readonly ImportColumn[] = [
  ...PERSON_COLUMNS,
  {
    key: 'orgUnitCode',
    header: 'Mã đơn vị',
    aliases: ['Đơn vị'],
    kind: 'text',
    required: true,
    description: `Mã một đơn vị trong phạm vi của bạn, xem trang tính "${UNIT_LIST_SHEET}"; người học thuộc đơn vị này.`,
    example: 'CB-MINHXUAN-TDP1',
  },
];
const BATCH_SIZE = 1000;

/** One row of the file, validated with the same rules as `POST /users`. */
class UserImportRow extends NewPersonFields {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  orgUnitCode: string;
}

interface UnitInfo {
  id: string;
  active: boolean;
  inScope: boolean;
}

/**
 * `POST /users/import`: people from a CSV or XLSX file (read by the imports module's one reader). Valid rows are applied, invalid ones reported with their
 * line; a username already in scope is matched, not duplicated, so the same file twice changes
 * nothing. New people get the learner role at their unit and a one-time activation code.
 */
@Injectable()
export class UserImportService {
  private readonly logger = new Logger(UserImportService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly imports: ImportsService,
    private readonly access: AccessService,
    private readonly people: PeopleImportService,
    private readonly orgUnits: OrgUnitsService,
  ) {}

  async enqueue(principal: Principal, file: { filename: string; content: Buffer }, sheet?: string): Promise<string> {
    const job = await this.transactions.run((em) =>
      this.imports.enqueue(em, {
        kind: 'users',
        topic: USERS_IMPORT_TOPIC,
        createdByUserId: principal.userId,
        filename: file.filename,
        content: file.content,
        sheet,
      }),
    );
    return job.id;
  }

  /** The file to fill in, with the unit codes the caller may import people into. */
  async template(principal: Principal): Promise<ImportTemplate> {
    const units = await this.orgUnits.codesInScope(principal, 'users.write');
    const columns = USER_COLUMNS.map((c) =>
      c.key === 'orgUnitCode' && units.length > 0 ? { ...c, example: units[0].code } : c,
    );
    return {
      sheet: 'Người học',
      columns,
      notes: [
        'Mỗi dòng của trang tính "Người học" là một người; xoá dòng ví dụ trước khi nhập.',
        'Tải lên ở POST /users/import: tệp .xlsx này, hoặc CSV (UTF-8, UTF-16 hay Windows-1258; dấu , ; hay tab).',
        'Người mới có vai trò học viên ở đơn vị của mình và một mã kích hoạt; người đã có được khớp theo tên đăng nhập.',
        'Dòng sai được báo theo số dòng và tên cột; các dòng đúng vẫn được nhập. Nhập lại cùng tệp không thay đổi gì.',
      ],
      list: {
        sheet: UNIT_LIST_SHEET,
        column: 'orgUnitCode',
        header: ['Mã đơn vị', 'Tên đơn vị'],
        rows: units.map((u) => [u.code, u.name]),
      },
    };
  }

  @JobHandler(USERS_IMPORT_SUBSCRIBER)
  async run(payload: Record<string, unknown>, _context: JobContext): Promise<void> {
    const importId = String(payload.importId);
    const opened = await this.imports.open(importId, USER_COLUMNS);
    if (!opened) return;
    const { job, table } = opened;
    const importer = await this.people.principalOf(job.createdByUserId);
    const { valid, errors } = await this.validate(table, importer);
    await this.transactions.run((em) =>
      this.imports.record(em, importId, {
        processed: errors.length,
        succeeded: 0,
        created: 0,
        failed: errors.length,
        errors,
      }),
    );
    for (let start = 0; start < valid.length; start += BATCH_SIZE) {
      await this.transactions.run(async (em) => {
        const batch = valid.slice(start, start + BATCH_SIZE);
        const tally = await this.applyBatch(em, importId, importer, batch, table);
        await this.imports.record(em, importId, tally);
      });
    }
    await this.imports.finish(importId, 'done');
    this.logger.log(`Import ${importId}: ${valid.length} valid rows, ${errors.length} refused`);
  }

  private async validate(
    table: ImportTable,
    importer: Principal,
  ): Promise<{ valid: NewPerson[]; errors: ImportRowError[] }> {
    const units = await this.units(table, importer);
    const unitOf = (row: UserImportRow) => units.get(row.orgUnitCode.toLowerCase());
    const { valid, errors } = this.people.validate(table, UserImportRow, (row, problems) => {
      const unit = row.orgUnitCode ? unitOf(row) : undefined;
      if (row.orgUnitCode && (!unit || !unit.inScope)) {
        problems.add('orgUnitCode', `không có đơn vị mã "${row.orgUnitCode}" trong phạm vi của bạn`);
      } else if (unit && !unit.active) {
        problems.add('orgUnitCode', `đơn vị "${row.orgUnitCode}" đã được sáp nhập`);
      }
    });
    return { valid: valid.map((item) => ({ ...item, orgUnitId: unitOf(item.row)!.id })), errors };
  }

  /** Every unit code of the file at once: whether it exists, is active and lies in the importer's scope. */
  private async units(table: ImportTable, importer: Principal): Promise<Map<string, UnitInfo>> {
    const codes = [...new Set(table.rows.map((r) => r.values.orgUnitCode?.toLowerCase()).filter(Boolean))];
    const found = await this.users.unitsByCodes(this.transactions.manager, codes);
    const covered = await this.access.coveredUnits(
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
    batch: NewPerson[],
    table: ImportTable,
  ): Promise<ImportTally> {
    const { known, fresh, errors } = await this.people.match(em, importId, importer, 'users.write', batch, table);
    await this.people.create(em, importId, fresh);
    // A retried job finds the people its first run made: they still count as created.
    const createdEarlier = known.filter((k) => k.fromThisImport).length;
    return {
      processed: batch.length,
      succeeded: fresh.length + known.length,
      created: fresh.length + createdEarlier,
      failed: errors.length,
      errors,
    };
  }
}
