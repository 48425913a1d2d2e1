import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { notFound } from '../../common/problem';
import { Transactions } from '../../database/transactions';
import { AccessService } from '../access/access.service';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { SessionsService } from '../classes/sessions.service';
import { ProgramsService } from '../curricula/programs.service';
import { OrgUnitsService } from '../org-units/org-units.service';
import { ClusterRow, ClustersRepository } from './clusters.repository';
import { AttendanceQuery, AttendanceRowView, AttendanceView } from './dto/attendance.dto';
import {
  ClusterView,
  CompletionQuery,
  CreateClusterRequest,
  PlanRowView,
  PlansQuery,
  PlansView,
  PutPlanRequest,
} from './dto/statistics.dto';
import { PlanItem, PlansRepository } from './plans.repository';
import {
  addFigures,
  CompletionRow,
  completionRow,
  Figures,
  FIGURE_FIELDS,
  PeriodCover,
  periodCover,
  zeroFigures,
} from './figures';
import {
  clusterUnitsUnknown,
  periodReversed,
  planProgramTwice,
  planProgramUnknown,
  unitOrCluster,
} from './statistics.errors';
import { StatisticsRepository } from './statistics.repository';

export interface Completion {
  rows: CompletionRow[];
  total: CompletionRow;
}

const TOTAL_LABEL = 'Tổng cộng';

/** `YYYY-MM` as a report writes it: "Tháng 03/2026". */
const monthLabel = (month: string) => `Tháng ${month.slice(5)}/${month.slice(0, 4)}`;

const ATTENDANCE_FIELDS = ['sessions', 'bridgePoints', 'headcount', 'present'] as const;
const zeroAttendance = () => ({ sessions: 0, bridgePoints: 0, headcount: 0, present: 0 });

const figuresOf = (row: Figures) => Object.fromEntries(FIGURE_FIELDS.map((f) => [f, Number(row[f])])) as Figures;

/**
 * Completion reports read from the counters (see StatisticsFilingService): a unit's rows only,
 * whatever its level. Readers: `stats.read` over the unit (stats viewers, school admins, API keys
 * with `stats:read`); another unit is 404.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly counters: StatisticsRepository,
    private readonly clusters: ClustersRepository,
    private readonly plans: PlansRepository,
    private readonly access: AccessService,
    private readonly orgUnits: OrgUnitsService,
    private readonly programs: ProgramsService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  /** Read on the replica when there is one: the counters lag their events anyway. */
  async completion(principal: Principal, query: CompletionQuery): Promise<Completion> {
    if (!query.orgUnitId === !query.clusterId) throw unitOrCluster();
    if (query.from && query.to && query.to < query.from) throw periodReversed();
    const cover = periodCover(query.from, query.to);
    return this.transactions.read((em) =>
      query.clusterId
        ? this.clusterCompletion(em, principal, query.clusterId, cover, query.programId)
        : this.unitCompletion(em, principal, query.orgUnitId!, cover, query),
    );
  }

  private async unitCompletion(
    em: EntityManager,
    principal: Principal,
    unitId: string,
    cover: PeriodCover,
    query: CompletionQuery,
  ): Promise<Completion> {
    await this.requireUnit(em, principal, unitId);
    const groupBy = query.groupBy ?? 'child';
    const sums = await this.counters.completion(em, [unitId], groupBy, cover, query.programId);
    const byKey = new Map(sums.map((s) => [s.key, figuresOf(s)]));
    let labels: Map<string, string>;
    if (groupBy === 'child') {
      const children = await this.orgUnits.countingChildren(em, unitId);
      for (const child of children) if (!byKey.has(child.id)) byKey.set(child.id, zeroFigures());
      labels = await this.childLabels(em, children, [...byKey.keys()]);
    } else if (groupBy === 'program') {
      labels = await this.programs.names(em, [...byKey.keys()]);
    } else {
      labels = new Map([...byKey.keys()].map((k) => [k, monthLabel(k)]));
    }
    const rows = [...byKey].map(([key, f]) => completionRow(key, labels.get(key) ?? key, f));
    if (groupBy === 'month') rows.sort((a, b) => a.key.localeCompare(b.key));
    else rows.sort((a, b) => a.label.localeCompare(b.label, 'vi') || a.key.localeCompare(b.key));
    return { rows, total: totalOf(byKey.values()) };
  }

  /**
   * Attendance under the unit per child (every counting child, zero rows included) or month, with a
   * total. Counted from the sessions and records by one indexed query (see SessionsService), on the
   * replica when there is one, like the other figures.
   */
  async attendance(principal: Principal, query: AttendanceQuery): Promise<AttendanceView> {
    if (query.from && query.to && query.to < query.from) throw periodReversed();
    return this.transactions.read((em) => this.attendanceIn(em, principal, query));
  }

  private async attendanceIn(em: EntityManager, principal: Principal, query: AttendanceQuery): Promise<AttendanceView> {
    await this.requireUnit(em, principal, query.orgUnitId);
    const groupBy = query.groupBy ?? 'child';
    const figures = await this.sessions.attendanceFigures(em, { ...query, unitId: query.orgUnitId, groupBy });
    const byKey = new Map(figures.map(({ key, ...f }) => [key, f]));
    let labels: Map<string, string>;
    if (groupBy === 'child') {
      const children = await this.orgUnits.countingChildren(em, query.orgUnitId);
      for (const child of children) if (!byKey.has(child.id)) byKey.set(child.id, zeroAttendance());
      labels = await this.childLabels(em, children, [...byKey.keys()]);
    } else {
      labels = new Map([...byKey.keys()].map((k) => [k, monthLabel(k)]));
    }
    const rows: AttendanceRowView[] = [...byKey].map(([key, f]) => ({ key, label: labels.get(key) ?? key, ...f }));
    if (groupBy === 'month') rows.sort((a, b) => a.key.localeCompare(b.key));
    else rows.sort((a, b) => a.label.localeCompare(b.label, 'vi') || a.key.localeCompare(b.key));
    const total = { key: 'total', label: TOTAL_LABEL, ...zeroAttendance() };
    for (const row of rows) for (const field of ATTENDANCE_FIELDS) total[field] += row[field];
    return { rows, total };
  }

  /** Replaces the unit's plan for the year: school admins of the unit or above. */
  async putPlan(principal: Principal, orgUnitId: string, year: number, request: PutPlanRequest): Promise<PlansView> {
    await this.transactions.run(async (em) => {
      await this.access.requireUnit(principal, 'stats.plan', orgUnitId, { em });
      if (!(await this.orgUnits.names(em, [orgUnitId])).has(orgUnitId)) throw notFound();
      const programIds = request.items.map((i) => i.programId);
      if (new Set(programIds).size !== programIds.length) throw planProgramTwice();
      const known = await this.programs.names(em, programIds);
      if (known.size !== new Set(programIds).size) throw planProgramUnknown();
      await this.plans.replace(em, orgUnitId, year, request.items, principal.userId);
      await this.audit.record(em, {
        action: 'stats.plan_saved',
        ...actorOf(principal),
        targetType: 'org_unit',
        targetId: orgUnitId,
        orgUnitId,
        details: { year, items: request.items },
      });
    });
    // The answer shows the plan just saved: read on the primary, a replica may not have it yet.
    return this.plansIn(this.transactions.manager, principal, { orgUnitId, year });
  }

  /** On the replica when there is one. */
  plansOf(principal: Principal, query: PlansQuery): Promise<PlansView> {
    return this.transactions.read((em) => this.plansIn(em, principal, query));
  }

  /**
   * Per programme: the unit's plan for the year, its children's plans summed, and the actuals under
   * the unit (opened classes ending that year, their learners, completions) with the % of plan.
   */
  private async plansIn(em: EntityManager, principal: Principal, query: PlansQuery): Promise<PlansView> {
    await this.requireUnit(em, principal, query.orgUnitId);
    const own = await this.plans.summed(em, [query.orgUnitId], query.year);
    const children = await this.orgUnits.countingChildren(em, query.orgUnitId);
    const childPlans = await this.plans.summed(
      em,
      children.map((c) => c.id),
      query.year,
    );
    const cover = periodCover(`${query.year}-01-01`, `${query.year}-12-31`);
    const actuals = await this.counters.completion(em, [query.orgUnitId], 'program', cover, undefined);
    const ids = [...new Set([...own, ...childPlans].map((p) => p.programId).concat(actuals.map((a) => a.key)))];
    const labels = await this.programs.names(em, ids);
    const rows = ids.map((id) =>
      planRow(
        id,
        labels.get(id) ?? id,
        own.find((p) => p.programId === id),
        childPlans.find((p) => p.programId === id),
        actuals.find((a) => a.key === id),
      ),
    );
    rows.sort((a, b) => a.label.localeCompare(b.label, 'vi') || a.key.localeCompare(b.key));
    const sum = (field: 'plannedClasses' | 'plannedLearners', items: PlanItem[]) =>
      items.reduce((n, i) => n + i[field], 0);
    const total = planRow(
      'total',
      TOTAL_LABEL,
      { programId: 'total', plannedClasses: sum('plannedClasses', own), plannedLearners: sum('plannedLearners', own) },
      {
        programId: 'total',
        plannedClasses: sum('plannedClasses', childPlans),
        plannedLearners: sum('plannedLearners', childPlans),
      },
      actuals.reduce((t, a) => addFigures(t, figuresOf(a)), zeroFigures()),
    );
    return { orgUnitId: query.orgUnitId, year: query.year, rows, total };
  }

  async createCluster(principal: Principal, request: CreateClusterRequest): Promise<ClusterView> {
    return this.transactions.run(async (em) => {
      const known = await this.orgUnits.names(em, request.orgUnitIds);
      if (known.size !== request.orgUnitIds.length) throw clusterUnitsUnknown();
      const name = request.name.trim().normalize('NFC');
      const id = await this.clusters.create(em, name, request.orgUnitIds, principal.userId);
      await this.audit.record(em, {
        action: 'stats.cluster_created',
        ...actorOf(principal),
        targetType: 'stats_cluster',
        targetId: id,
        details: { name, orgUnitIds: request.orgUnitIds },
      });
      return clusterView((await this.clusters.find(em, id))!);
    });
  }

  async listClusters(): Promise<ClusterView[]> {
    return (await this.transactions.read((em) => this.clusters.list(em))).map(clusterView);
  }

  /** One row per member, in the cluster's order; every member must lie in the caller's scope. */
  private async clusterCompletion(
    em: EntityManager,
    principal: Principal,
    clusterId: string,
    cover: PeriodCover,
    programId: string | undefined,
  ): Promise<Completion> {
    const cluster = await this.clusters.find(em, clusterId);
    if (!cluster) throw notFound();
    const covered = await this.access.coveredUnits(principal, 'stats.read', cluster.orgUnitIds);
    if (covered.size !== cluster.orgUnitIds.length) throw notFound();
    const sums = await this.counters.completion(em, cluster.orgUnitIds, 'unit', cover, programId);
    const byKey = new Map(sums.map((s) => [s.key, figuresOf(s)]));
    const labels = await this.orgUnits.names(em, cluster.orgUnitIds);
    const figures = cluster.orgUnitIds.map((id) => byKey.get(id) ?? zeroFigures());
    return {
      rows: cluster.orgUnitIds.map((id, i) => completionRow(id, labels.get(id) ?? id, figures[i])),
      total: totalOf(figures),
    };
  }

  /** The children's names as listed, and a lookup only for keys of units that no longer count there. */
  private async childLabels(
    em: EntityManager,
    children: { id: string; name: string }[],
    keys: string[],
  ): Promise<Map<string, string>> {
    const labels = new Map(children.map((c) => [c.id, c.name]));
    const unlisted = keys.filter((k) => !labels.has(k));
    if (unlisted.length) for (const [id, name] of await this.orgUnits.names(em, unlisted)) labels.set(id, name);
    return labels;
  }

  /** Grants are checked on the primary (a role just taken away counts at once), the unit where `em` reads. */
  private async requireUnit(em: EntityManager, principal: Principal, unitId: string): Promise<void> {
    await this.access.requireUnit(principal, 'stats.read', unitId);
    const known = await this.orgUnits.names(em, [unitId]);
    if (!known.has(unitId)) throw notFound();
  }
}

/** One programme's plan beside the actuals; % of plan with one decimal, null without a plan. */
function planRow(
  key: string,
  label: string,
  own: PlanItem | undefined,
  children: PlanItem | undefined,
  actual: Figures | undefined,
): PlanRowView {
  const f = actual ? figuresOf(actual) : zeroFigures();
  const percent = (done: number, planned: number) => (planned > 0 ? Math.round((done * 1000) / planned) / 10 : null);
  return {
    key,
    label,
    plannedClasses: own?.plannedClasses ?? 0,
    plannedLearners: own?.plannedLearners ?? 0,
    childrenPlannedClasses: children?.plannedClasses ?? 0,
    childrenPlannedLearners: children?.plannedLearners ?? 0,
    classes: f.classes,
    enrolled: f.enrolled,
    completed: f.completed,
    percentOfPlan: {
      classes: percent(f.classes, own?.plannedClasses ?? 0),
      learners: percent(f.enrolled, own?.plannedLearners ?? 0),
    },
  };
}

function totalOf(figures: Iterable<Figures>): CompletionRow {
  const total = zeroFigures();
  for (const f of figures) addFigures(total, f);
  return completionRow('total', TOTAL_LABEL, total);
}

const clusterView = (row: ClusterRow): ClusterView => ({
  id: row.id,
  name: row.name,
  orgUnitIds: row.orgUnitIds,
  createdAt: row.createdAt,
});
