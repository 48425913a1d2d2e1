import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page, PageQuery } from '../../common/pagination';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { OutboxService } from '../../queue/outbox.service';
import { FileStorage } from '../../storage/storage';
import { AccessService } from '../access/access.service';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Person, Principal } from '../auth/auth.decorators';
import { CertificateContent, CertificateVerification, CLASSIFICATION_LABELS } from './certificate-content';
import { CERTIFICATE_REISSUED, CERTIFICATE_REVOKED, CERTIFICATE_SETTINGS_SAVED } from './certificate-events';
import { CertificateIssuanceService } from './certificate-issuance.service';
import {
  certificateNotFound,
  certificateNotValid,
  certificatePending,
  enrollmentNotCompleted,
  noIssuingSettings,
  pdfNotReady,
} from './certificates.errors';
import { CertificateRow, CertificatesRepository, CurrentCertificate } from './certificates.repository';
import { CertificateSettingsRequest, CertificateSettingsView, CertificateView } from './dto/certificate.dto';
import { fileName, VERIFICATION_CODE, verifyUrl } from './issuance';
import { DEFAULT_SERIAL_PATTERN } from './serial-pattern';
import { CredentialsService } from './credentials/credentials.service';

export type { Certificate } from './entities/certificate.entity';
export type { CurrentCertificate } from './certificates.repository';

/**
 * Certificates as people reach them: the holder's own, a school's in its scope (another unit's is
 * 404), the public verification by code, and the school's revoke and reissue, audited with reason.
 */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly issuance: CertificateIssuanceService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly storage: FileStorage,
    private readonly transactions: Transactions,
    private readonly credentials: CredentialsService,
    private readonly env: Environment,
  ) {}

  mine(person: Person, query: PageQuery): Promise<Page<CertificateView>> {
    return this.page(['cert.user_id = $1'], [person.userId], query);
  }
  /** For reports: valid certificates per class (classes without any are left out); no access check. */
  validCountsOfClasses(em: EntityManager, classIds: string[]): Promise<Map<string, number>> {
    return classIds.length === 0 ? Promise.resolve(new Map()) : this.certificates.validCountsOfClasses(em, classIds);
  }

  /** For reports: each enrolment's current (not superseded) certificate; no access check. */
  currentOfEnrollments(em: EntityManager, enrollmentIds: string[]): Promise<Map<string, CurrentCertificate>> {
    return enrollmentIds.length === 0
      ? Promise.resolve(new Map())
      : this.certificates.currentOfEnrollments(em, enrollmentIds);
  }

  async ofClass(principal: Principal, classId: string, query: PageQuery): Promise<Page<CertificateView>> {
    await this.access.classForStaff(principal, classId, 'certificates.read');
    return this.page(['cert.class_id = $1'], [classId], query);
  }

  async get(principal: Principal, id: string): Promise<CertificateView> {
    return this.view(await this.readable(principal, id));
  }

  /**
   * Issues now for a completed enrolment (normally automatic on completion). `created` is false
   * when the learner already held the programme's certificate, which is returned.
   */
  async issueNow(
    principal: Principal,
    enrollmentId: string,
  ): Promise<{ created: boolean; certificate: CertificateView }> {
    return this.transactions.run(async (em) => {
      const [facts] = await this.certificates.issuanceFacts(em, [enrollmentId]);
      if (!facts) throw certificateNotFound();
      await this.access.classForStaff(principal, facts.classId, 'certificates.issue', { em });
      if (facts.enrollmentStatus !== 'completed') throw enrollmentNotCompleted(facts.enrollmentStatus);
      const outcome = await this.issuance.issue(em, [enrollmentId]);
      const created = outcome.issued.get(enrollmentId) ?? outcome.pending.get(enrollmentId);
      const [held] = await this.certificates.live(em, [facts]);
      const row = await this.certificates.find(em, created ?? held.id);
      if (created) await this.record(em, principal, 'certificate.issued', row!, {});
      return { created: !!created, certificate: this.view(row!) };
    });
  }

  async revoke(principal: Principal, id: string, reason: string): Promise<CertificateView> {
    return this.transactions.run(async (em) => {
      const found = await this.changeable(em, principal, id);
      const now = new Date();
      await this.certificates.update(em, id, { status: 'revoked', revokedAt: now, revocationReason: reason });
      await this.outbox.publish(em, CERTIFICATE_REVOKED, { ...factOf(found), reason });
      await this.record(em, principal, 'certificate.revoked', found, { reason });
      return this.view((await this.certificates.find(em, id))!);
    });
  }

  /** A new serial and code for the same learner and class; the old one is kept, superseded. */
  async reissue(principal: Principal, id: string, reason: string): Promise<CertificateView> {
    return this.transactions.run(async (em) => {
      const found = await this.changeable(em, principal, id);
      const now = new Date();
      // Superseded first: the one-live-certificate index must be free for the replacement.
      await this.certificates.update(em, id, { status: 'superseded', supersededAt: now, supersededReason: reason });
      const issued = await this.issuance.reissue(em, found, now);
      if (!issued) throw noIssuingSettings();
      await this.outbox.publish(em, CERTIFICATE_REISSUED, { ...issued, replacedId: id, reason });
      const replacement = (await this.certificates.find(em, issued.certificateId))!;
      await this.record(em, principal, 'certificate.reissued', found, { reason, replacementId: replacement.id });
      await this.record(em, principal, 'certificate.issued', replacement, { reason, replacesId: id });
      return this.view(replacement);
    });
  }

  async settingsOf(principal: Principal, orgUnitId: string): Promise<CertificateSettingsView> {
    await this.access.requireUnit(principal, 'certificates.read', orgUnitId);
    const inherited = await this.certificates.inheritedSettings(this.transactions.manager, orgUnitId);
    if (!inherited) throw noIssuingSettings();
    const { updatedByUserId: _, orgUnitId: owner, ...settings } = inherited.settings;
    return { orgUnitId, inheritedFromOrgUnitId: owner, ...settings };
  }

  /** Saves the unit's own settings; pending certificates below it are issued by a job. */
  async saveSettings(
    principal: Principal,
    orgUnitId: string,
    request: CertificateSettingsRequest,
  ): Promise<CertificateSettingsView> {
    await this.transactions.run(async (em) => {
      await this.access.requireUnit(principal, 'certificates.issue', orgUnitId, { em });
      const settings = {
        orgUnitId,
        signerName: request.signerName,
        signerTitle: request.signerTitle,
        signerAuthority: request.signerAuthority ?? null,
        place: request.place,
        headerLines: request.headerLines,
        serialPattern: request.serialPattern ?? DEFAULT_SERIAL_PATTERN,
        updatedByUserId: principal.userId,
      };
      await this.certificates.saveSettings(em, settings);
      await this.outbox.publish(em, CERTIFICATE_SETTINGS_SAVED, { orgUnitId });
      await this.audit.record(em, {
        action: 'certificate_settings.saved',
        ...actorOf(principal),
        targetType: 'org_unit',
        targetId: orgUnitId,
        orgUnitId,
        details: { ...settings, updatedByUserId: undefined },
      });
    });
    return this.settingsOf(principal, orgUnitId);
  }

  /** What the verification page shows; null for an unknown (or malformed) code. */
  async verify(code: string): Promise<CertificateVerification | null> {
    if (!VERIFICATION_CODE.test(code)) return null;
    const found = await this.certificates.findByCode(this.transactions.manager, code);
    if (!found || found.status === 'pending' || !found.content) return null;
    return {
      status: found.status,
      content: found.content,
      contentHash: found.contentHash!,
      issuedAt: found.issuedAt!.toISOString(),
      revokedAt: found.revokedAt?.toISOString() ?? null,
      revocationReason: found.revocationReason,
      supersededAt: found.supersededAt?.toISOString() ?? null,
      supersededReason: found.supersededReason,
      verifyUrl: this.verifyUrl(code),
    };
  }

  async pdf(principal: Principal, id: string): Promise<{ serial: string; file: Readable }> {
    const found = await this.readable(principal, id);
    if (found.status === 'pending') throw certificatePending();
    if (!found.pdfKey) throw pdfNotReady();
    return { serial: found.serial!, file: await this.storage.read(found.pdfKey) };
  }

  /** The valid certificates' stored PDFs of a class, each opened only when the ZIP reaches it. */
  async pdfsOfClass(principal: Principal, classId: string): Promise<{ name: string; open: () => Promise<Readable> }[]> {
    await this.access.classForStaff(principal, classId, 'certificates.read');
    const files = await this.certificates.pdfsOfClass(this.transactions.manager, classId);
    return files
      .filter((f) => f.status === 'valid')
      .map((f) => ({ name: `${fileName(f.serial)}.pdf`, open: () => this.storage.read(f.pdfKey) }));
  }

  /** The certificate as an Open Badges 3.0 credential, a VC-JWT signed by the issuer's key. */
  async credential(principal: Principal, id: string): Promise<string> {
    const found = await this.readable(principal, id);
    if (found.status === 'pending' || !found.content) throw certificatePending();
    return this.credentials.signCertificate({
      certificateId: found.id,
      verificationCode: found.verificationCode!,
      learnerId: found.userId,
      content: found.content,
      contentHash: found.contentHash!,
      issuedAt: found.issuedAt!,
      statusIndex: found.statusIndex,
    });
  }

  /**
   * What an issued certificate prints and where it is verified, or null while pending; no access
   * check (for telling its holder).
   */
  async printed(em: EntityManager, id: string): Promise<{ content: CertificateContent; verifyUrl: string } | null> {
    const found = await this.certificates.find(em, id);
    if (!found?.content || !found.verificationCode) return null;
    return { content: found.content, verifyUrl: this.verifyUrl(found.verificationCode) };
  }

  verifyUrl(code: string): string {
    return verifyUrl(this.env.PUBLIC_BASE_URL, code);
  }

  /** The certificate if the caller holds it or has it in scope; 404 otherwise. */
  private async readable(principal: Principal, id: string): Promise<CertificateRow> {
    const found = await this.certificates.find(this.transactions.manager, id);
    if (!found) throw certificateNotFound();
    if (found.userId === principal.userId) return found;
    if (!(await this.access.coversUnit(principal, 'certificates.read', found.orgUnitId))) throw certificateNotFound();
    return found;
  }

  /** Locked, in the caller's scope for issuing, and valid: what revoke and reissue act on. */
  private async changeable(em: EntityManager, principal: Principal, id: string): Promise<CertificateRow> {
    const found = await this.certificates.find(em, id, { lock: true });
    if (!found || !(await this.access.coversUnit(principal, 'certificates.issue', found.orgUnitId, { em }))) {
      throw certificateNotFound();
    }
    if (found.status !== 'valid') throw certificateNotValid(found.status);
    return found;
  }

  private async page(where: string[], params: unknown[], query: PageQuery): Promise<Page<CertificateView>> {
    if (query.cursor) {
      const [index] = decodeCursor(query.cursor, 1);
      where.push(`cert.status_index > $${params.push(Number(index))}`);
    }
    const rows = await this.certificates.page(this.transactions.manager, where, params, query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((row) => this.view(row)),
      nextCursor: rows.length > query.limit ? encodeCursor([last.statusIndex]) : null,
    };
  }

  private async record(
    em: EntityManager,
    principal: Principal,
    action: string,
    certificate: CertificateRow,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(em, {
      action,
      ...actorOf(principal),
      targetType: 'certificate',
      targetId: certificate.id,
      orgUnitId: certificate.orgUnitId,
      details: { serial: certificate.serial, enrollmentId: certificate.enrollmentId, ...details },
    });
  }

  private view(row: CertificateRow): CertificateView {
    const content = row.content;
    return {
      id: row.id,
      serial: row.serial,
      verificationCode: row.verificationCode,
      status: row.status,
      enrollmentId: row.enrollmentId,
      learner: {
        id: row.userId,
        fullName: content?.learner.fullName ?? row.liveFullName,
        dateOfBirth: content ? content.learner.dateOfBirth : row.liveDateOfBirth,
      },
      program: {
        id: row.programId,
        code: content?.program.code ?? row.liveProgramCode,
        name: content?.program.name ?? row.liveProgramName,
      },
      class: {
        id: row.classId,
        code: content?.class.code ?? row.liveClassCode,
        title: content?.class.title ?? row.liveClassTitle,
        startsOn: content?.class.startsOn ?? row.liveStartsOn,
        endsOn: content?.class.endsOn ?? row.liveEndsOn,
      },
      classification: content ? content.result.classification : row.liveClassification,
      classificationLabel: content
        ? content.result.classificationLabel
        : row.liveClassification && CLASSIFICATION_LABELS[row.liveClassification],
      finalScore: content?.result.finalScore ?? null,
      issuedAt: row.issuedAt,
      issuedOn: content?.issuedOn ?? null,
      place: content?.place ?? null,
      issuer: {
        orgUnitId: row.orgUnitId,
        code: content?.issuer.orgUnitCode ?? row.liveUnitCode,
        name: content?.issuer.name ?? row.liveUnitName,
        headerLines: content?.issuer.headerLines ?? [],
      },
      signer: content?.signer ?? null,
      contentHash: row.contentHash,
      verifyUrl: row.verificationCode ? this.verifyUrl(row.verificationCode) : null,
      pdfReady: !!row.pdfKey,
      replacesId: row.replacesId,
      revokedAt: row.revokedAt,
      revocationReason: row.revocationReason,
      supersededAt: row.supersededAt,
      supersededReason: row.supersededReason,
    };
  }
}

const factOf = (c: CertificateRow) => ({
  certificateId: c.id,
  enrollmentId: c.enrollmentId,
  userId: c.userId,
  classId: c.classId,
  orgUnitId: c.orgUnitId,
});
