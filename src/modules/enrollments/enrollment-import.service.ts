import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';
import { OutboxService } from '../../queue/outbox.service';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { classClosed } from '../classes/classes.errors';
import { ClassesService } from '../classes/classes.service';
import type { TrainingClass } from '../classes/classes.service';
import type { ImportTable } from '../imports/import-table';
import { ImportsService, ImportTally } from '../imports/imports.service';
import type { ImportTemplate } from '../imports/template';
import { OrgUnitsService } from '../org-units/org-units.service';
import { NewPersonFields } from '../users/dto/user.dto';
import { PeopleImportService, PERSON_COLUMNS, PersonRow } from '../users/people-import.service';
import { ENROLLMENT_PROGRESS_CHANGED } from './enrollment-events';
import { EnrollmentsRepository } from './enrollments.repository';
import type { EnrollmentStatus } from './entities/enrollment.entity';
import { RosterService } from './roster.service';

export const ENROLLMENTS_IMPORT_TOPIC = 'imports.enrollments';
export const ENROLLMENTS_IMPORT_SUBSCRIBER = 'enrollments.run-import';
const BATCH_SIZE = 1000;
/** Enrolments an import makes live again, as `seat` does; any other status is kept as it is. */
const REOPENABLE: readonly EnrollmentStatus[] = ['withdrawn', 'rejected'];

/** A row with a seat to take: someone known (with or without an enrolment to reopen), or a new person. */
interface Seat {
  item: PersonRow;
  userId?: string;
  reopen?: string;
}

/**
 * `POST /classes/:id/enrollments/import`: people from a CSV or XLSX file enrolled `active` in one class. Unknown
 * usernames become learners of the class's unit (as in the users import), known ones in scope are
 * matched; people already enrolled are left as they are, so the same file twice changes nothing.
 * Each batch holds the class row lock, like every other seat change, so capacity is never exceeded.
 */
@Injectable()
export class EnrollmentImportService {
  private readonly logger = new Logger(EnrollmentImportService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly enrollments: EnrollmentsRepository,
    private readonly roster: RosterService,
    private readonly imports: ImportsService,
    private readonly access: AccessService,
    private readonly people: PeopleImportService,
    private readonly outbox: OutboxService,
    private readonly classes: ClassesService,
    private readonly orgUnits: OrgUnitsService,
  ) {}

  /** 404 outside the caller's scope, 409 for a closed class; the rows of the file are read by the job. */
  async enqueue(
    principal: Principal,
    classId: string,
    file: { filename: string; content: Buffer },
    sheet?: string,
  ): Promise<string> {
    return this.transactions.run(async (em) => {
      const found = await this.access.classForStaff(principal, classId, 'enrollments.write', { em });
      if (found.status === 'closed') throw classClosed();
      const job = await this.imports.enqueue(em, {
        kind: 'enrollments',
        topic: ENROLLMENTS_IMPORT_TOPIC,
        subjectId: classId,
        createdByUserId: principal.userId,
        filename: file.filename,
        content: file.content,
        sheet,
      });
      return job.id;
    });
  }

  /** The file to fill in for a class the caller may enrol into (404 otherwise). */
  async template(principal: Principal, classId: string): Promise<ImportTemplate> {
    return this.transactions.run(async (em) => {
      const found = await this.access.classForStaff(principal, classId, 'enrollments.write', { em });
      const unit = await this.orgUnits.label(em, found.orgUnitId);
      return {
        sheet: 'Danh sách lớp',
        columns: PERSON_COLUMNS,
        notes: [
          `Danh sách học viên của lớp ${found.code}: ${found.title}. Mỗi dòng là một người; xoá dòng ví dụ trước khi nhập.`,
          `Tải lên ở POST /classes/${found.id}/enrollments/import: tệp .xlsx này, hoặc CSV (UTF-8, UTF-16 hay Windows-1258; dấu , ; hay tab).`,
          `Người chưa có tài khoản được tạo ở đơn vị của lớp, ${unit.name} (${unit.code}), với một mã kích hoạt; người đã có được khớp theo tên đăng nhập.`,
          'Người đã ghi danh giữ nguyên; dòng sai được báo theo số dòng và tên cột. Nhập lại cùng tệp không thay đổi gì.',
        ],
      };
    });
  }

  @JobHandler(ENROLLMENTS_IMPORT_SUBSCRIBER)
  async run(payload: Record<string, unknown>, _context: JobContext): Promise<void> {
    const importId = String(payload.importId);
    const opened = await this.imports.open(importId, PERSON_COLUMNS);
    if (!opened) return;
    const { job, table } = opened;
    const classId = job.subjectId!;
    const importer = await this.people.principalOf(job.createdByUserId);
    // Rights are checked again at run time: the importer may have lost them since the upload.
    const found = await this.classes.find(this.transactions.manager, classId);
    if (!found || !(await this.access.staffMayClass(importer, found, 'enrollments.write'))) {
      await this.imports.finish(importId, 'failed', [
        { row: 1, message: 'Không tìm thấy lớp hoặc bạn không còn quyền ghi danh.' },
      ]);
      return;
    }
    const { valid, errors } = this.people.validate(table, NewPersonFields);
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
        const tally = await this.applyBatch(em, importId, classId, importer, batch, table);
        await this.imports.record(em, importId, tally);
      });
    }
    await this.imports.finish(importId, 'done');
    this.logger.log(`Import ${importId} into class ${classId}: ${valid.length} valid rows, ${errors.length} refused`);
  }

  /** `created` counts enrolments made or made active again; a row already enrolled only succeeds. */
  private async applyBatch(
    em: EntityManager,
    importId: string,
    classId: string,
    importer: Principal,
    batch: PersonRow[],
    table: ImportTable,
  ): Promise<ImportTally> {
    const found = await this.access.classForStaff(importer, classId, 'enrollments.write', { em, lock: true });
    if (found.status === 'closed') {
      const errors = batch.map((item) => ({ row: item.line, message: 'lớp đã kết thúc' }));
      return { processed: batch.length, succeeded: 0, created: 0, failed: errors.length, errors };
    }
    const { known, fresh, errors } = await this.people.match(em, importId, importer, 'users.read', batch, table);
    const current = await this.enrollments.statusesOfUsers(
      em,
      classId,
      known.map((k) => k.userId),
    );
    const enrolled = new Map(current.map((e) => [e.user_id, e]));
    const wanting: Seat[] = [];
    for (const { item, userId } of known) {
      const enrolment = enrolled.get(userId);
      if (!enrolment) wanting.push({ item, userId });
      else if (REOPENABLE.includes(enrolment.status)) wanting.push({ item, userId, reopen: enrolment.id });
    }
    wanting.push(...fresh.map((item) => ({ item })));
    // In file order: when seats run out, the rows further down the file are the ones refused.
    wanting.sort((a, b) => a.item.line - b.item.line);
    const room = await this.room(em, found);
    const seated = wanting.slice(0, room);
    for (const { item } of wanting.slice(room)) {
      errors.push({ row: item.line, message: `lớp đã đủ ${found.capacity} học viên` });
    }
    const newPeople = seated.filter((s) => !s.userId).map((s) => ({ ...s.item, orgUnitId: found.orgUnitId }));
    const newUserIds = await this.people.create(em, importId, newPeople);
    const inserted = await this.enrollments.insertImported(em, classId, importer.userId, [
      ...seated.flatMap((s) => (s.userId && !s.reopen ? [s.userId] : [])),
      ...newUserIds,
    ]);
    const reopened = await this.enrollments.reopenImported(
      em,
      seated.flatMap((s) => (s.reopen ? [s.reopen] : [])),
      importer.userId,
    );
    const changed = [...inserted, ...reopened];
    await this.outbox.publishMany(
      em,
      ENROLLMENT_PROGRESS_CHANGED,
      changed.map((e) => ({ enrollmentId: e.id })),
    );
    errors.sort((a, b) => a.row - b.row);
    return {
      processed: batch.length,
      succeeded: batch.length - errors.length,
      created: changed.length,
      failed: errors.length,
      errors,
    };
  }

  /** Active seats left under the capacity; the caller holds the class row lock. */
  private async room(em: EntityManager, found: TrainingClass): Promise<number> {
    if (found.capacity === null) return Number.MAX_SAFE_INTEGER;
    return Math.max(0, found.capacity - (await this.roster.activeCount(em, found.id)));
  }
}
