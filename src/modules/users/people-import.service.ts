import { Injectable } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { todayIn } from '../../common/calendar';
import { flattenValidationErrors } from '../../common/validation';
import { normalizeName } from '../../common/vietnamese';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { Permission } from '../auth/permissions';
import { ImportColumn, ImportTable, RowProblems } from '../imports/import-table';
import type { ImportRowError } from '../imports/imports.service';
import { hashActivationCode, newActivationCode } from './activation';
import { ActivationCodesRepository } from './activation-codes.repository';
import { NewPersonFields } from './dto/user.dto';
import { PartyStatus, personSearchText } from './entities/user.entity';
import { UsersRepository } from './users.repository';

/** Party status labels as Vietnamese forms write them; the first is the one templates offer. */
export const PARTY_STATUS_LABELS: Readonly<Record<PartyStatus, readonly string[]>> = {
  none: ['Quần chúng'],
  candidate: ['Cảm tình Đảng', 'Đối tượng', 'Đối tượng Đảng', 'Đối tượng kết nạp Đảng'],
  probationary: ['Dự bị', 'Đảng viên dự bị'],
  full: ['Chính thức', 'Đảng viên chính thức'],
};

/** The columns of a person in every people file (users, enrolments). */
export const PERSON_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'username',
    header: 'Tên đăng nhập',
    kind: 'text',
    required: true,
    description:
      '3–64 chữ không dấu, số hoặc . _ @ -, không phân biệt hoa thường. Người đã có tên này trong phạm vi của bạn được khớp, không tạo lại.',
    example: 'nguyenvana',
  },
  {
    key: 'fullName',
    header: 'Họ và tên',
    aliases: ['Họ tên'],
    kind: 'text',
    required: true,
    description: 'Họ và tên đầy đủ, có dấu.',
    example: 'Nguyễn Văn A',
  },
  {
    key: 'dateOfBirth',
    header: 'Ngày sinh',
    kind: 'date',
    required: false,
    description: 'Ngày dạng dd/mm/yyyy (hoặc yyyy-mm-dd), hay ô kiểu Ngày.',
    example: '19/05/1990',
  },
  {
    key: 'email',
    header: 'Email',
    aliases: ['Thư điện tử'],
    kind: 'text',
    required: false,
    description: 'Địa chỉ email.',
    example: 'nguyen.van.a@example.vn',
  },
  {
    key: 'phone',
    header: 'Số điện thoại',
    aliases: ['Điện thoại', 'SĐT'],
    kind: 'phone',
    required: false,
    description: 'Ghi như văn bản, giữ số 0 ở đầu (ô kiểu số làm mất số 0 và bị từ chối).',
    example: '0912 345 678',
  },
  {
    key: 'partyStatus',
    header: 'Tình trạng đảng viên',
    aliases: ['Tình trạng Đảng'],
    kind: 'choice',
    required: false,
    choices: PARTY_STATUS_LABELS,
    description: 'Để trống là Quần chúng. Ghi có dấu hay không dấu, chữ hoa hay thường đều được:',
    example: 'Dự bị',
  },
  {
    key: 'partyAdmissionDate',
    header: 'Ngày vào Đảng',
    kind: 'date',
    required: false,
    description: 'Bắt buộc với đảng viên dự bị và chính thức, không sau hôm nay; dạng như Ngày sinh.',
    example: '03/02/2026',
  },
];

/** A row that passed validation, with its line in the file. */
export interface PersonRow<T extends NewPersonFields = NewPersonFields> {
  line: number;
  row: T;
}

/** A person to create, at the unit they join. */
export interface NewPerson extends PersonRow {
  orgUnitId: string;
}

export interface PeopleMatch<R extends PersonRow> {
  /** Rows naming someone already there whom the importer may see; `fromThisImport`: made by an earlier run of this import. */
  known: { item: R; userId: string; fromThisImport: boolean }[];
  /** Rows naming nobody yet. */
  fresh: R[];
  /** Rows naming someone outside the importer's scope. */
  errors: ImportRowError[];
}

/**
 * What every import of people shares: rows validated with the rules of `POST /users`, usernames
 * matched a batch at a time, new people created with the learner role and a one-time activation
 * code, all with one statement per table per batch.
 */
@Injectable()
export class PeopleImportService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly codes: ActivationCodesRepository,
    private readonly access: AccessService,
    private readonly env: Environment,
  ) {}

  /**
   * Reads each row of the table as `type` (NewPersonFields or a subclass with more columns); `check`
   * adds the caller's problems with its own columns. A username repeated in the file refuses the
   * later rows. Each problem is named once, by the column as the file writes it.
   */
  validate<T extends NewPersonFields>(
    table: ImportTable,
    type: ClassConstructor<T>,
    check: (row: T, problems: RowProblems) => void = () => undefined,
  ): { valid: PersonRow<T>[]; errors: ImportRowError[] } {
    const today = todayIn(this.env.DEFAULT_TIMEZONE);
    const firstLine = new Map<string, number>();
    const valid: PersonRow<T>[] = [];
    const errors: ImportRowError[] = [];
    for (const source of table.rows) {
      const problems = new RowProblems(table, source);
      const row = plainToInstance(type, source.values);
      for (const { field, message } of flattenValidationErrors(validateSync(row, { whitelist: true }))) {
        problems.add(field, message);
      }
      const status = row.partyStatus ?? 'none';
      if ((status === 'probationary' || status === 'full') && !row.partyAdmissionDate) {
        problems.add('partyAdmissionDate', 'là bắt buộc với đảng viên dự bị và chính thức');
      }
      if (row.partyAdmissionDate && row.partyAdmissionDate > today) {
        problems.add('partyAdmissionDate', 'không được ở tương lai');
      }
      check(row, problems);
      const key = row.username?.toLowerCase();
      if (key && firstLine.has(key)) {
        problems.add('username', `trùng với dòng ${firstLine.get(key)}`);
      } else if (key) {
        firstLine.set(key, source.line);
      }
      if (problems.empty) valid.push({ line: source.line, row });
      else errors.push(problems.toError());
    }
    return { valid, errors };
  }

  /**
   * Splits a batch into people already there and new ones. A username taken by someone outside the
   * importer's scope for `permission` is refused without saying more about that person; the message
   * names the column as `table` has it.
   */
  async match<R extends PersonRow>(
    em: EntityManager,
    importId: string,
    importer: Principal,
    permission: Permission,
    batch: R[],
    table: Pick<ImportTable, 'columnName'>,
  ): Promise<PeopleMatch<R>> {
    const existing = await this.users.usernameMatches(
      em,
      batch.map((v) => v.row.username.toLowerCase()),
      importId,
    );
    const byName = new Map(existing.map((e) => [e.username, e]));
    const covered = await this.access.coveredUnits(
      importer,
      permission,
      existing.map((e) => e.org_unit_id).filter((id): id is string => !!id),
      { em },
    );
    const result: PeopleMatch<R> = { known: [], fresh: [], errors: [] };
    for (const item of batch) {
      const known = byName.get(item.row.username.toLowerCase());
      if (!known) {
        result.fresh.push(item);
      } else if (known.org_unit_id && covered.has(known.org_unit_id)) {
        result.known.push({ item, userId: known.id, fromThisImport: known.from_this_import });
      } else {
        result.errors.push({
          row: item.line,
          message: `${table.columnName('username')}: tên đăng nhập "${item.row.username}" đã được dùng`,
        });
      }
    }
    return result;
  }

  /** One multi-row INSERT per table: a 10,000-row file is a handful of statements. Returns the new ids in order. */
  async create(em: EntityManager, importId: string, rows: NewPerson[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const ids = rows.map(() => randomUUID());
    const codes = rows.map(() => newActivationCode());
    const expires = new Date(Date.now() + this.env.ACTIVATION_CODE_TTL_DAYS * 24 * 3600 * 1000);
    await this.users.insertPeople(
      em,
      rows.map((r, i) => ({
        id: ids[i],
        username: r.row.username,
        fullName: normalizeName(r.row.fullName),
        searchText: personSearchText(r.row.fullName, r.row.username),
        email: r.row.email ?? null,
        phone: r.row.phone ?? null,
        dateOfBirth: r.row.dateOfBirth ?? null,
        orgUnitId: r.orgUnitId,
        partyStatus: r.row.partyStatus ?? 'none',
        partyAdmissionDate: r.row.partyAdmissionDate ?? null,
      })),
    );
    await this.users.insertRoles(
      em,
      rows.map((r, i) => ({ userId: ids[i], role: 'learner', orgUnitId: r.orgUnitId })),
    );
    await this.codes.issue(
      em,
      importId,
      ids,
      codes.map((plain) => ({ hash: hashActivationCode(plain), plain })),
      expires,
    );
    return ids;
  }

  /** The importer as the guards would see them: scope is checked with their roles at run time. */
  async principalOf(userId: string | null): Promise<Principal> {
    return {
      userId,
      username: userId ?? 'unknown',
      roles: userId ? await this.users.rolesHeldBy(this.transactions.manager, userId) : [],
    };
  }
}
