import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { badCursor, decodeCursor, encodeCursor } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { Transactions } from '../../database/transactions';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { CertificatesService } from '../certificates/certificates.service';
import { EnrollmentsService, FeedPosition } from '../enrollments/enrollments.service';
import { OrgUnitsService } from '../org-units/org-units.service';
import { EnrollmentChangesQuery, EnrollmentChangesView } from './dto/enrollment-feed.dto';

/** A position is a transaction id (xid8: up to 20 digits) and an enrolment id. */
function positionOf(cursor: string): FeedPosition {
  const [xid, id] = decodeCursor(cursor, 2);
  if (typeof xid !== 'string' || !/^\d{1,20}$/.test(xid) || typeof id !== 'string' || !isUUID(id)) throw badCursor();
  return { xid, id };
}

const decimal = (value: string | null) => (value === null ? null : Number(value));

/**
 * The change feed of enrolment outcomes for other systems: pages in the order the enrolments'
 * transactions got their ids, handed out only once every earlier transaction has ended (see
 * EnrollmentsRepository.changesAfter), so a reader resuming from its cursor never skips a change.
 * Readers: `enrollments.read` over the unit (school admins, stats viewers, keys with
 * `enrollments:read`); another unit is 404.
 */
@Injectable()
export class EnrollmentFeedService {
  constructor(
    private readonly transactions: Transactions,
    private readonly access: AccessService,
    private readonly orgUnits: OrgUnitsService,
    private readonly enrollments: EnrollmentsService,
    private readonly certificates: CertificatesService,
  ) {}

  async changes(principal: Principal, query: EnrollmentChangesQuery): Promise<EnrollmentChangesView> {
    const after = query.cursor ? positionOf(query.cursor) : null;
    await this.access.requireUnit(principal, 'enrollments.read', query.orgUnitId);
    const em = this.transactions.manager;
    if (!(await this.orgUnits.names(em, [query.orgUnitId])).has(query.orgUnitId)) throw notFound();
    const rows = await this.enrollments.changesAfter(em, {
      unitId: query.orgUnitId,
      after,
      updatedSince: query.updatedSince ? new Date(query.updatedSince) : null,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const certificates = await this.certificates.currentOfEnrollments(
      em,
      page.map((r) => r.id),
    );
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        classId: r.class_id,
        classCode: r.class_code,
        orgUnitId: r.org_unit_id,
        programId: r.program_id,
        learner: { id: r.user_id, username: r.username, fullName: r.full_name },
        status: r.status,
        classification: r.classification,
        finalScore: decimal(r.final_score),
        attendanceRate: decimal(r.attendance_rate),
        completedAt: r.completed_at,
        certificate: certificates.get(r.id) ?? null,
        updatedAt: r.updated_at,
      })),
      nextCursor: last ? encodeCursor([last.change_xid, last.id]) : (query.cursor ?? null),
      hasMore: rows.length > query.limit,
    };
  }
}
