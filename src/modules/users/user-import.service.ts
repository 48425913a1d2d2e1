import { Injectable, Logger } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { CsvError, CsvRow, readCsv } from '../imports/csv';
import type { ImportRowError } from '../imports/imports.service';
import { ImportsService, ImportTally } from '../imports/imports.service';
import { NewPersonFields } from './dto/user.dto';
import { NewPerson, PeopleImportService, PERSON_CSV_COLUMNS } from './people-import.service';
import { UsersRepository } from './users.repository';

export const USERS_IMPORT_TOPIC = 'imports.users';
export const USERS_IMPORT_SUBSCRIBER = 'users.run-import';
export const USER_CSV_COLUMNS = [...PERSON_CSV_COLUMNS, 'orgUnitCode'] as const;
const BATCH_SIZE = 1000;

/** One CSV row, validated with the same rules as `POST /users`. */
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
 * `POST /users/import`: people from a CSV. Valid rows are applied, invalid ones reported with their
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
  ) {}

  async enqueue(principal: Principal, file: { filename: string; content: Buffer }): Promise<string> {
    const job = await this.transactions.run((em) =>
      this.imports.enqueue(em, {
        kind: 'users',
        topic: USERS_IMPORT_TOPIC,
        createdByUserId: principal.userId,
        filename: file.filename,
        content: file.content,
      }),
    );
    return job.id;
  }

  @JobHandler(USERS_IMPORT_SUBSCRIBER)
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
    const importer = await this.people.principalOf(job.createdByUserId);
    const { valid, errors } = await this.validate(rows, importer);
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
  ): Promise<{ valid: NewPerson[]; errors: ImportRowError[] }> {
    const units = await this.units(rows, importer);
    const unitOf = (row: UserImportRow) => units.get(row.orgUnitCode.toLowerCase());
    const { valid, errors } = this.people.validate(rows, UserImportRow, (row) => {
      const unit = row.orgUnitCode ? unitOf(row) : undefined;
      if (row.orgUnitCode && (!unit || !unit.inScope)) {
        return [`orgUnitCode: không có đơn vị mã "${row.orgUnitCode}" trong phạm vi của bạn`];
      }
      return unit && !unit.active ? [`orgUnitCode: đơn vị "${row.orgUnitCode}" đã được sáp nhập`] : [];
    });
    return { valid: valid.map((item) => ({ ...item, orgUnitId: unitOf(item.row)!.id })), errors };
  }

  /** Every unit code of the file at once: whether it exists, is active and lies in the importer's scope. */
  private async units(rows: CsvRow[], importer: Principal): Promise<Map<string, UnitInfo>> {
    const codes = [...new Set(rows.map((r) => r.values.orgUnitCode?.toLowerCase()).filter(Boolean))];
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
  ): Promise<ImportTally> {
    const { known, fresh, errors } = await this.people.match(em, importId, importer, 'users.write', batch);
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
