import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions';
import { BatchJobHandler, JobContext, JobHandler } from '../../queue/job-handler.decorator';
import type { TopicPayloads } from '../../queue/topics';
import { CertificatesService } from '../certificates/certificates.service';
import { ClassesService } from '../classes/classes.service';
import { CoursesService } from '../curricula/courses.service';
import { EnrollmentsService } from '../enrollments/enrollments.service';
import { OrgUnitsService } from '../org-units/org-units.service';
import { sameFigures, zeroFigures } from './figures';
import { STATISTICS_SUBSCRIBERS } from './statistics-events';
import { CounterDifference, Delta, Filing, StatisticsRepository } from './statistics.repository';

/** Classes recomputed per query round: a rebuild walks every class this many at a time. */
const CHUNK = 1000;

type ClassFact = { classId: string };

/** What a rebuild found (and, with `repair`, put right). */
export interface RebuildReport {
  classes: number;
  filingsDiffering: number;
  counters: CounterDifference[];
  repaired: boolean;
}

/**
 * Keeps the completion counters equal to the rows. Every event about a class (its enrolments,
 * closing, certificates, edits) recomputes that class's figures from the owning features and files
 * the difference from what was filed before along its unit's rollup path; a replayed event finds
 * no difference. A move or merge re-files the classes of the moved subtree. Classes count from the
 * day they are opened (planned ones do not).
 */
@Injectable()
export class StatisticsFilingService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: StatisticsRepository,
    private readonly classes: ClassesService,
    private readonly courses: CoursesService,
    private readonly enrollments: EnrollmentsService,
    private readonly certificates: CertificatesService,
    private readonly orgUnits: OrgUnitsService,
  ) {}

  @BatchJobHandler(STATISTICS_SUBSCRIBERS.onClassChanged)
  onClassChanged(payloads: ClassFact[], { em }: JobContext): Promise<number> {
    return this.fileFacts(em, payloads);
  }

  @BatchJobHandler(STATISTICS_SUBSCRIBERS.onClassClosed)
  onClassClosed(payloads: ClassFact[], { em }: JobContext): Promise<number> {
    return this.fileFacts(em, payloads);
  }

  @BatchJobHandler(STATISTICS_SUBSCRIBERS.onCompleted)
  onCompleted(payloads: ClassFact[], { em }: JobContext): Promise<number> {
    return this.fileFacts(em, payloads);
  }

  @BatchJobHandler(STATISTICS_SUBSCRIBERS.onFailed)
  onFailed(payloads: ClassFact[], { em }: JobContext): Promise<number> {
    return this.fileFacts(em, payloads);
  }

  @BatchJobHandler(STATISTICS_SUBSCRIBERS.onWithdrawn)
  onWithdrawn(payloads: ClassFact[], { em }: JobContext): Promise<number> {
    return this.fileFacts(em, payloads);
  }

  @BatchJobHandler(STATISTICS_SUBSCRIBERS.onDecided)
  onDecided(payloads: ClassFact[], { em }: JobContext): Promise<number> {
    return this.fileFacts(em, payloads);
  }

  @BatchJobHandler(STATISTICS_SUBSCRIBERS.onClassified)
  onClassified(payloads: ClassFact[], { em }: JobContext): Promise<number> {
    return this.fileFacts(em, payloads);
  }

  @BatchJobHandler(STATISTICS_SUBSCRIBERS.onCertificateIssued)
  onCertificateIssued(payloads: ClassFact[], { em }: JobContext): Promise<number> {
    return this.fileFacts(em, payloads);
  }

  @BatchJobHandler(STATISTICS_SUBSCRIBERS.onCertificateRevoked)
  onCertificateRevoked(payloads: ClassFact[], { em }: JobContext): Promise<number> {
    return this.fileFacts(em, payloads);
  }

  @BatchJobHandler(STATISTICS_SUBSCRIBERS.onCertificateReissued)
  onCertificateReissued(payloads: ClassFact[], { em }: JobContext): Promise<number> {
    return this.fileFacts(em, payloads);
  }

  /** A seat taken or given back, or a new final score: the enrolment's class. */
  @BatchJobHandler(STATISTICS_SUBSCRIBERS.onProgressChanged)
  async onProgressChanged(
    payloads: TopicPayloads['enrollment.progress_changed'][],
    { em }: JobContext,
  ): Promise<number> {
    const classOf = await this.enrollments.classesOf(
      em,
      payloads.map((p) => p.enrollmentId),
    );
    return this.file(em, [...new Set(classOf.values())]);
  }

  @JobHandler(STATISTICS_SUBSCRIBERS.onOrgUnitChanged)
  async onOrgUnitChanged(payload: TopicPayloads['org-units.changed'], { em }: JobContext): Promise<number> {
    return this.refileSubtree(em, payload.orgUnitId);
  }

  /** Re-files the classes of the unit's subtree whose filed path is no longer the unit's rollup path. */
  async refileSubtree(em: EntityManager, orgUnitId: string): Promise<number> {
    const units = await this.orgUnits.subtreeRollupPaths(em, orgUnitId);
    const misfiled = await this.repository.misfiled(em, units);
    return this.file(em, misfiled);
  }

  /**
   * Recomputes the classes' figures from the rows and files what changed; returns how many
   * classes' filings changed.
   */
  async file(em: EntityManager, classIds: string[]): Promise<number> {
    const ids = [...new Set(classIds)].sort();
    if (ids.length === 0) return 0;
    await this.repository.shareRebuildLock(em);
    await this.repository.lockClasses(em, ids);
    const before = await this.repository.filings(em, ids);
    const now = await this.currentFilings(em, ids);
    const deltas: Delta[] = [];
    const saved: Filing[] = [];
    const dropped: string[] = [];
    for (const id of ids) {
      const was = before.get(id);
      const is = now.get(id);
      if (was && is && sameFiling(was, is)) continue;
      if (was) deltas.push({ ...was, sign: -1 });
      if (is) {
        deltas.push({ ...is, sign: 1 });
        saved.push(is);
      } else if (was) {
        dropped.push(id);
      }
    }
    await this.repository.applyDeltas(em, deltas);
    await this.repository.saveFilings(em, saved);
    await this.repository.deleteFilings(em, dropped);
    return saved.length + dropped.length;
  }

  /**
   * Recomputes every class's figures from the rows and compares the counters with what they add
   * up to; with `repair`, replaces the stored ones. One transaction, which holds off the filing.
   */
  async rebuild({ repair }: { repair: boolean }): Promise<RebuildReport> {
    return this.transactions.run(async (em) => {
      await this.repository.takeRebuildLock(em);
      await this.repository.startRebuild(em);
      let classes = 0;
      for (let after: string | null = null; ;) {
        const ids = await this.classes.idsAfter(em, after, CHUNK);
        if (ids.length === 0) break;
        const filings = await this.currentFilings(em, ids);
        await this.repository.addExpectedFilings(em, [...filings.values()]);
        classes += filings.size;
        after = ids[ids.length - 1];
      }
      const found = await this.repository.compareExpected(em);
      const differs = found.filings > 0 || found.counters.length > 0;
      if (repair && differs) await this.repository.replaceByExpected(em);
      return { classes, filingsDiffering: found.filings, counters: found.counters, repaired: repair && differs };
    });
  }

  private fileFacts(em: EntityManager, payloads: ClassFact[]): Promise<number> {
    return this.file(
      em,
      payloads.map((p) => p.classId),
    );
  }

  /** The classes' filings as the rows say now; classes not counted (planned, or gone) are left out. */
  private async currentFilings(em: EntityManager, ids: string[]): Promise<Map<string, Filing>> {
    const counted = (await this.classes.findMany(em, ids)).filter((c) => c.status !== 'planned');
    const countedIds = counted.map((c) => c.id);
    const programs = await this.courses.programsOf(em, [...new Set(counted.map((c) => c.courseId))]);
    const paths = await this.orgUnits.rollupPaths(em, [...new Set(counted.map((c) => c.orgUnitId))]);
    const outcomes = await this.enrollments.outcomesOfClasses(em, countedIds);
    const certificates = await this.certificates.validCountsOfClasses(em, countedIds);
    const outcomeOf = new Map(outcomes.map((o) => [o.classId, o]));
    const filings = new Map<string, Filing>();
    for (const c of counted) {
      const o = outcomeOf.get(c.id);
      const figures = { ...zeroFigures(), classes: 1, certificates: certificates.get(c.id) ?? 0 };
      if (o) {
        const { classId: _classId, ...counts } = o;
        Object.assign(figures, counts);
      }
      filings.set(c.id, {
        classId: c.id,
        orgUnitId: c.orgUnitId,
        programId: programs.get(c.courseId)!,
        endsOn: c.endsOn,
        path: paths.get(c.orgUnitId)!,
        figures,
      });
    }
    return filings;
  }
}

const sameFiling = (a: Filing, b: Filing) =>
  a.orgUnitId === b.orgUnitId &&
  a.programId === b.programId &&
  a.endsOn === b.endsOn &&
  a.path === b.path &&
  sameFigures(a.figures, b.figures);
