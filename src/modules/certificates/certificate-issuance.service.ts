import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { todayIn } from '../../common/calendar';
import { Transactions } from '../../database/transactions';
import { BatchJobHandler, JobContext, JobHandler } from '../../queue/job-handler.decorator';
import { OutboxService } from '../../queue/outbox.service';
import type { CertificateFact, TopicPayloads } from '../../queue/topics';
import { contentHash } from './certificate-content';
import { CERTIFICATE_ISSUED, CERTIFICATE_SUBSCRIBERS } from './certificate-events';
import { CertificatesRepository, InheritedSettings, IssuanceFacts } from './certificates.repository';
import { Certificate } from './entities/certificate.entity';
import type { CertificateSettings } from './entities/certificate-settings.entity';
import { certificateContent, newVerificationCode } from './issuance';
import { formatSerial } from './serial-pattern';

/** Enrolments the backfill issues per transaction. */
const BACKFILL_CHUNK = 200;

export interface IssueOutcome {
  /** Certificates made valid now, by enrolment id. */
  issued: Map<string, string>;
  /** Certificates waiting for issuing settings, by enrolment id. */
  pending: Map<string, string>;
}

/**
 * Issues certificates for completed enrolments: one pending or valid certificate per learner and
 * programme (a unique index; the pair's advisory lock makes a concurrent second issue see the
 * first), serials taken per unit and year in the same transaction. Idempotent: issuing again for an
 * enrolment whose learner already holds the programme's certificate changes nothing.
 */
@Injectable()
export class CertificateIssuanceService {
  private readonly logger = new Logger(CertificateIssuanceService.name);

  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly outbox: OutboxService,
    private readonly transactions: Transactions,
  ) {}

  @BatchJobHandler(CERTIFICATE_SUBSCRIBERS.issueOnCompletion)
  async onCompleted(payloads: TopicPayloads['enrollment.completed'][], { em }: JobContext): Promise<void> {
    await this.issue(
      em,
      payloads.map((p) => p.enrollmentId),
    );
  }

  @JobHandler(CERTIFICATE_SUBSCRIBERS.issuePending)
  async onSettingsSaved(payload: TopicPayloads['certificate-settings.saved'], { em }: JobContext): Promise<void> {
    await this.issue(em, await this.certificates.pendingUnder(em, payload.orgUnitId));
  }

  /** Certificates for enrolments that completed before certificates existed; safe to run again. */
  async backfill(): Promise<number> {
    let after: string | null = null;
    let issued = 0;
    for (;;) {
      const ids = await this.certificates.completedWithout(this.transactions.manager, after, BACKFILL_CHUNK);
      if (ids.length === 0) break;
      const outcome = await this.transactions.run((em) => this.issue(em, ids));
      issued += outcome.issued.size + outcome.pending.size;
      after = ids[ids.length - 1];
    }
    if (issued > 0) this.logger.log(`Backfill: ${issued} certificates for earlier completions`);
    return issued;
  }

  /**
   * Issues for these enrolments what they are due: completed ones without their programme's
   * certificate get one (pending where no unit up the tree has issuing settings), pending ones are
   * issued once settings exist. Others are left as they are.
   */
  async issue(em: EntityManager, enrollmentIds: string[], at = new Date()): Promise<IssueOutcome> {
    const outcome: IssueOutcome = { issued: new Map(), pending: new Map() };
    const facts = (await this.certificates.issuanceFacts(em, [...new Set(enrollmentIds)])).filter(
      (f) => f.enrollmentStatus === 'completed',
    );
    if (facts.length === 0) return outcome;
    await this.certificates.lockLearnerPrograms(em, facts);
    const live = new Map((await this.certificates.live(em, facts)).map((c) => [pairKey(c), c]));
    const due = new Map<string, { facts: IssuanceFacts; pending: Certificate | null }>();
    for (const f of facts) {
      const held = live.get(pairKey(f));
      if (held?.status === 'valid' || due.has(pairKey(f))) continue;
      // A pending certificate is issued for the enrolment it was made for.
      if (held && held.enrollmentId !== f.enrollmentId) continue;
      due.set(pairKey(f), { facts: f, pending: held ?? null });
    }
    const settingsOf = new Map<string, InheritedSettings | null>();
    for (const { facts: f } of due.values()) {
      if (!settingsOf.has(f.orgUnitId)) {
        settingsOf.set(f.orgUnitId, await this.certificates.inheritedSettings(em, f.orgUnitId));
      }
    }
    const waiting = [...due.values()].filter((d) => !settingsOf.get(d.facts.orgUnitId) && !d.pending);
    const pendingIds = await this.certificates.insert(
      em,
      waiting.map((d) => ({ ...owner(d.facts), status: 'pending' as const })),
    );
    waiting.forEach((d, i) => outcome.pending.set(d.facts.enrollmentId, pendingIds[i]));

    // Serial numbers per unit and year, units in a fixed order so concurrent batches never deadlock.
    const groups = new Map<string, { facts: IssuanceFacts; pending: Certificate | null; issuedOn: string }[]>();
    for (const d of due.values()) {
      if (!settingsOf.get(d.facts.orgUnitId)) continue;
      const issuedOn = todayIn(d.facts.timezone, at);
      const key = `${d.facts.orgUnitId}|${issuedOn.slice(0, 4)}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push({ ...d, issuedOn });
    }
    const issuedFacts: CertificateFact[] = [];
    for (const key of [...groups.keys()].sort()) {
      const members = groups.get(key)!;
      const [orgUnitId, year] = key.split('|');
      const { settings } = settingsOf.get(orgUnitId)!;
      const first = await this.certificates.takeSerialNumbers(em, orgUnitId, Number(year), members.length);
      const fresh: Partial<Certificate>[] = [];
      const freshFacts: IssuanceFacts[] = [];
      for (const [i, member] of members.entries()) {
        const issuedFields = issuedFieldsOf(member.facts, settings, Number(year), first + i, member.issuedOn, at);
        if (member.pending) {
          await this.certificates.update(em, member.pending.id, issuedFields);
          outcome.issued.set(member.facts.enrollmentId, member.pending.id);
          issuedFacts.push(fact(member.facts, member.pending.id));
        } else {
          fresh.push({ ...owner(member.facts), ...issuedFields });
          freshFacts.push(member.facts);
        }
      }
      const ids = await this.certificates.insert(em, fresh);
      freshFacts.forEach((f, i) => {
        outcome.issued.set(f.enrollmentId, ids[i]);
        issuedFacts.push(fact(f, ids[i]));
      });
    }
    await this.outbox.publishMany(em, CERTIFICATE_ISSUED, issuedFacts);
    return outcome;
  }

  /**
   * A new valid certificate replacing `replaced` (which the caller marks superseded first): a new
   * serial and code, the content read again from the rows, so corrected data prints corrected.
   * Null when no unit up the tree has issuing settings any more.
   */
  async reissue(em: EntityManager, replaced: Certificate, at = new Date()): Promise<CertificateFact | null> {
    const [facts] = await this.certificates.issuanceFacts(em, [replaced.enrollmentId]);
    const inherited = await this.certificates.inheritedSettings(em, facts.orgUnitId);
    if (!inherited) return null;
    const issuedOn = todayIn(facts.timezone, at);
    const year = Number(issuedOn.slice(0, 4));
    const number = await this.certificates.takeSerialNumbers(em, facts.orgUnitId, year, 1);
    const [id] = await this.certificates.insert(em, [
      {
        ...owner(facts),
        ...issuedFieldsOf(facts, inherited.settings, year, number, issuedOn, at),
        replacesId: replaced.id,
      },
    ]);
    const issued = fact(facts, id);
    await this.outbox.publish(em, CERTIFICATE_ISSUED, issued);
    return issued;
  }
}

function issuedFieldsOf(
  facts: IssuanceFacts,
  settings: CertificateSettings,
  year: number,
  number: number,
  issuedOn: string,
  at: Date,
) {
  const serial = formatSerial(settings.serialPattern, { unitCode: facts.unitCode, year, number });
  const content = certificateContent(facts, settings, serial, issuedOn);
  return {
    status: 'valid' as const,
    serial,
    verificationCode: newVerificationCode(),
    content,
    contentHash: contentHash(content),
    issuedAt: at,
  };
}

const pairKey = (p: { userId: string; programId: string }) => `${p.userId}|${p.programId}`;

const owner = (f: IssuanceFacts) => ({
  enrollmentId: f.enrollmentId,
  userId: f.userId,
  programId: f.programId,
  classId: f.classId,
  orgUnitId: f.orgUnitId,
});

const fact = (f: IssuanceFacts, certificateId: string): CertificateFact => ({
  certificateId,
  enrollmentId: f.enrollmentId,
  userId: f.userId,
  classId: f.classId,
  orgUnitId: f.orgUnitId,
});
