import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { inSubtreeOf, unitUnder } from '../access/subtree';
import type { Classification } from '../enrollments/completion';
import type { CertificateStatus } from './certificate-content';
import { Certificate } from './entities/certificate.entity';
import { CertificateSettings } from './entities/certificate-settings.entity';

/** What a certificate prints, read from the rows at issue time. */
export interface IssuanceFacts {
  enrollmentId: string;
  enrollmentStatus: string;
  userId: string;
  fullName: string;
  dateOfBirth: string | null;
  programId: string;
  programCode: string;
  programName: string;
  classId: string;
  classCode: string;
  classTitle: string;
  startsOn: string;
  endsOn: string;
  timezone: string;
  orgUnitId: string;
  unitCode: string;
  unitName: string;
  finalScore: number | null;
  classification: Classification | null;
}

/** A certificate row with the live names a pending one shows (it has no content yet). */
export type CertificateRow = Certificate & {
  liveFullName: string;
  liveDateOfBirth: string | null;
  liveProgramCode: string;
  liveProgramName: string;
  liveClassCode: string;
  liveClassTitle: string;
  liveStartsOn: string;
  liveEndsOn: string;
  liveUnitCode: string;
  liveUnitName: string;
  liveClassification: Classification | null;
};

export interface InheritedSettings {
  settings: CertificateSettings;
  /** The unit whose settings these are: the asked unit or its nearest ancestor with settings. */
  fromOrgUnitId: string;
}

/** Learner and programme as one advisory-lock key; the lock serialises issuing for the pair. */
const PAIR_LOCK = `hashtextextended($1::text || ':' || $2::text, 0)`;

// Issuing and listing read the enrolment, learner, class, programme and unit of a certificate in
// one query (a read join: certificates never write those tables).
const FACT_JOINS = `FROM enrollments e
  JOIN users u ON u.id = e.user_id
  JOIN classes c ON c.id = e.class_id
  JOIN courses co ON co.id = c.course_id
  JOIN programs p ON p.id = co.program_id
  JOIN org_units ou ON ou.id = c.org_unit_id`;

const FACT_COLUMNS = `e.id AS "enrollmentId", e.status AS "enrollmentStatus", u.id AS "userId", u.full_name AS "fullName",
  u.date_of_birth::text AS "dateOfBirth", p.id AS "programId", p.code AS "programCode", p.name AS "programName",
  c.id AS "classId", c.code AS "classCode", c.title AS "classTitle", c.starts_on::text AS "startsOn",
  c.ends_on::text AS "endsOn", c.timezone, ou.id AS "orgUnitId", ou.code AS "unitCode", ou.name AS "unitName",
  e.final_score::float8 AS "finalScore", e.classification`;

const ROW_COLUMNS = `cert.id, cert.enrollment_id AS "enrollmentId", cert.user_id AS "userId", cert.program_id AS "programId",
  cert.class_id AS "classId", cert.org_unit_id AS "orgUnitId", cert.status, cert.serial,
  cert.verification_code AS "verificationCode", cert.content, cert.content_hash AS "contentHash",
  cert.status_index::float8 AS "statusIndex", cert.issued_at AS "issuedAt", cert.replaces_id AS "replacesId",
  cert.revoked_at AS "revokedAt", cert.revocation_reason AS "revocationReason", cert.superseded_at AS "supersededAt",
  cert.superseded_reason AS "supersededReason", cert.pdf_key AS "pdfKey", cert.created_at AS "createdAt",
  cert.updated_at AS "updatedAt", u.full_name AS "liveFullName", u.date_of_birth::text AS "liveDateOfBirth",
  p.code AS "liveProgramCode", p.name AS "liveProgramName", c.code AS "liveClassCode", c.title AS "liveClassTitle",
  c.starts_on::text AS "liveStartsOn", c.ends_on::text AS "liveEndsOn", ou.code AS "liveUnitCode",
  ou.name AS "liveUnitName", e.classification AS "liveClassification"`;

const ROW_FROM = `FROM certificates cert ${FACT_JOINS.replace('FROM enrollments e', 'JOIN enrollments e ON e.id = cert.enrollment_id')}`;

/** An enrolment's certificate as reports show it. */
export interface CurrentCertificate {
  id: string;
  serial: string | null;
  status: CertificateStatus;
  issuedAt: Date | null;
}

@Injectable()
export class CertificatesRepository {
  /** Valid certificates per class (classes without any are left out). */
  async validCountsOfClasses(em: EntityManager, classIds: string[]): Promise<Map<string, number>> {
    const rows: { class_id: string; valid: number }[] = await em.query(
      `SELECT class_id, count(*)::int AS valid FROM certificates
        WHERE class_id = ANY($1::uuid[]) AND status = 'valid' GROUP BY class_id`,
      [classIds],
    );
    return new Map(rows.map((r) => [r.class_id, r.valid]));
  }

  /** Each enrolment's newest certificate that is not superseded (enrolments without one are left out). */
  async currentOfEnrollments(em: EntityManager, enrollmentIds: string[]): Promise<Map<string, CurrentCertificate>> {
    const rows: (CurrentCertificate & { enrollment_id: string })[] = await em.query(
      `SELECT DISTINCT ON (enrollment_id) enrollment_id, id, serial, status, issued_at AS "issuedAt"
         FROM certificates WHERE enrollment_id = ANY($1::uuid[]) AND status <> 'superseded'
        ORDER BY enrollment_id, created_at DESC, id`,
      [enrollmentIds],
    );
    return new Map(rows.map(({ enrollment_id, ...certificate }) => [enrollment_id, certificate]));
  }

  issuanceFacts(em: EntityManager, enrollmentIds: string[]): Promise<IssuanceFacts[]> {
    return em.query(`SELECT ${FACT_COLUMNS} ${FACT_JOINS} WHERE e.id = ANY($1::uuid[]) ORDER BY e.id`, [enrollmentIds]);
  }

  /** Holds each pair's issuing lock until the transaction ends; in a fixed order, so batches never deadlock. */
  async lockLearnerPrograms(em: EntityManager, pairs: { userId: string; programId: string }[]): Promise<void> {
    const keys = [...new Set(pairs.map((p) => `${p.userId}|${p.programId}`))].sort();
    for (const key of keys) {
      const [userId, programId] = key.split('|');
      await em.query(`SELECT pg_advisory_xact_lock(${PAIR_LOCK})`, [userId, programId]);
    }
  }

  /** The pending or valid certificates of these learners' programmes. */
  live(em: EntityManager, pairs: { userId: string; programId: string }[]): Promise<Certificate[]> {
    if (pairs.length === 0) return Promise.resolve([]);
    return em.query(
      `SELECT ${ROW_COLUMNS} ${ROW_FROM}
        WHERE cert.status IN ('pending', 'valid')
          AND (cert.user_id, cert.program_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [pairs.map((p) => p.userId), pairs.map((p) => p.programId)],
    );
  }

  /** The unit's own settings, or the nearest ancestor's. */
  async inheritedSettings(em: EntityManager, orgUnitId: string): Promise<InheritedSettings | null> {
    const [row]: (CertificateSettings & { depth: number })[] = await em.query(
      `SELECT s.org_unit_id AS "orgUnitId", s.signer_name AS "signerName", s.signer_title AS "signerTitle",
              s.signer_authority AS "signerAuthority", s.place, s.header_lines AS "headerLines",
              s.serial_pattern AS "serialPattern", s.updated_by_user_id AS "updatedByUserId", s.updated_at AS "updatedAt"
         FROM certificate_settings s JOIN org_units owner ON owner.id = s.org_unit_id
        WHERE ${inSubtreeOf('(SELECT unit.path FROM org_units unit WHERE unit.id = $1)', 'owner.path')}
        ORDER BY nlevel(owner.path) DESC LIMIT 1`,
      [orgUnitId],
    );
    if (!row) return null;
    return { settings: row, fromOrgUnitId: row.orgUnitId };
  }

  async saveSettings(em: EntityManager, settings: Omit<CertificateSettings, 'updatedAt'>): Promise<void> {
    await em.upsert(CertificateSettings, { ...settings, updatedAt: new Date() }, ['orgUnitId']);
  }

  /**
   * Advances the unit's counter for the year by `count` and returns the first number taken. The row
   * stays locked until the transaction ends: a rollback gives the numbers back, so serials have no gaps.
   */
  async takeSerialNumbers(em: EntityManager, orgUnitId: string, year: number, count: number): Promise<number> {
    const [row]: { last_number: number }[] = await em.query(
      `INSERT INTO certificate_serial_counters (org_unit_id, year, last_number) VALUES ($1, $2, $3)
       ON CONFLICT (org_unit_id, year) DO UPDATE SET last_number = certificate_serial_counters.last_number + $3
       RETURNING last_number`,
      [orgUnitId, year, count],
    );
    return row.last_number - count + 1;
  }

  async insert(em: EntityManager, rows: Partial<Certificate>[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const result = await em.insert(Certificate, rows);
    return result.identifiers.map((i) => i.id as string);
  }

  async update(em: EntityManager, id: string, fields: Partial<Certificate>): Promise<void> {
    await em.update(Certificate, { id }, fields);
  }

  async find(em: EntityManager, id: string, { lock = false } = {}): Promise<CertificateRow | undefined> {
    const [row]: CertificateRow[] = await em.query(
      `SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE cert.id = $1 ${lock ? 'FOR UPDATE OF cert' : ''}`,
      [id],
    );
    return row;
  }

  async findByCode(em: EntityManager, code: string): Promise<Certificate | undefined> {
    const [row]: Certificate[] = await em.query(
      `SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE cert.verification_code = $1 AND cert.status <> 'pending'`,
      [code],
    );
    return row;
  }

  /** A page in issuing order; `where` on `cert` with its values in `params`. */
  page(em: EntityManager, where: string[], params: unknown[], limit: number): Promise<CertificateRow[]> {
    return em.query(
      `SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE ${where.join(' AND ')}
        ORDER BY cert.status_index LIMIT $${params.push(limit)}`,
      params,
    );
  }

  /** The class's certificates that have a stored PDF, in serial order, for the ZIP. */
  pdfsOfClass(
    em: EntityManager,
    classId: string,
  ): Promise<{ serial: string; pdfKey: string; status: CertificateStatus }[]> {
    return em.query(
      `SELECT serial, pdf_key AS "pdfKey", status FROM certificates
        WHERE class_id = $1 AND pdf_key IS NOT NULL ORDER BY serial`,
      [classId],
    );
  }

  /** Pending certificates of classes run in the unit's subtree. */
  async pendingUnder(em: EntityManager, orgUnitId: string): Promise<string[]> {
    const rows: { enrollment_id: string }[] = await em.query(
      `SELECT enrollment_id FROM certificates WHERE status = 'pending' AND ${unitUnder('org_unit_id', '$1')}
        ORDER BY enrollment_id`,
      [orgUnitId],
    );
    return rows.map((r) => r.enrollment_id);
  }

  /**
   * Completed enrolments whose learner holds no pending or valid certificate of the programme and
   * that never had one of their own (a revoked one stays revoked), after `afterId`, in id order.
   */
  async completedWithout(em: EntityManager, afterId: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT e.id FROM enrollments e JOIN classes c ON c.id = e.class_id JOIN courses co ON co.id = c.course_id
        WHERE e.status = 'completed' AND ($1::uuid IS NULL OR e.id > $1)
          AND NOT EXISTS (SELECT 1 FROM certificates mine WHERE mine.enrollment_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM certificates live WHERE live.user_id = e.user_id
                            AND live.program_id = co.program_id AND live.status IN ('pending', 'valid'))
        ORDER BY e.id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Status indices in [from, to) whose certificate no longer holds (revoked or superseded). */
  async endedIndices(em: EntityManager, from: number, to: number): Promise<number[]> {
    const rows: { status_index: string }[] = await em.query(
      `SELECT status_index FROM certificates
        WHERE status IN ('revoked', 'superseded') AND status_index >= $1 AND status_index < $2`,
      [from, to],
    );
    return rows.map((r) => Number(r.status_index));
  }
}
