import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/problem';
import { Transactions } from '../../database/transactions';
import { AccessService } from '../access/access.service';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { ProgramsService } from '../curricula/programs.service';
import { OrgUnitsService } from '../org-units/org-units.service';
import { ClusterRow, ClustersRepository } from './clusters.repository';
import { ClusterView, CompletionQuery, CreateClusterRequest } from './dto/statistics.dto';
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
import { clusterUnitsUnknown, periodReversed, unitOrCluster } from './statistics.errors';
import { StatisticsRepository } from './statistics.repository';

export interface Completion {
  rows: CompletionRow[];
  total: CompletionRow;
}

const TOTAL_LABEL = 'Tổng cộng';

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
    private readonly access: AccessService,
    private readonly orgUnits: OrgUnitsService,
    private readonly programs: ProgramsService,
    private readonly audit: AuditService,
  ) {}

  async completion(principal: Principal, query: CompletionQuery): Promise<Completion> {
    if (!query.orgUnitId === !query.clusterId) throw unitOrCluster();
    if (query.from && query.to && query.to < query.from) throw periodReversed();
    const cover = periodCover(query.from, query.to);
    const em = this.transactions.manager;
    if (query.clusterId) return this.clusterCompletion(principal, query.clusterId, cover, query.programId);
    const unitId = query.orgUnitId!;
    await this.requireUnit(principal, unitId);
    const groupBy = query.groupBy ?? 'child';
    const sums = await this.counters.completion(em, [unitId], groupBy, cover, query.programId);
    const byKey = new Map(sums.map((s) => [s.key, figuresOf(s)]));
    let labels: Map<string, string>;
    if (groupBy === 'child') {
      const children = await this.orgUnits.countingChildren(em, unitId);
      for (const child of children) if (!byKey.has(child.id)) byKey.set(child.id, zeroFigures());
      labels = await this.orgUnits.names(em, [...byKey.keys()]);
    } else if (groupBy === 'program') {
      labels = await this.programs.names(em, [...byKey.keys()]);
    } else {
      labels = new Map([...byKey.keys()].map((k) => [k, `Tháng ${k.slice(5)}/${k.slice(0, 4)}`]));
    }
    const rows = [...byKey].map(([key, f]) => completionRow(key, labels.get(key) ?? key, f));
    if (groupBy === 'month') rows.sort((a, b) => a.key.localeCompare(b.key));
    else rows.sort((a, b) => a.label.localeCompare(b.label, 'vi') || a.key.localeCompare(b.key));
    return { rows, total: totalOf(byKey.values()) };
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
    return (await this.clusters.list(this.transactions.manager)).map(clusterView);
  }

  /** One row per member, in the cluster's order; every member must lie in the caller's scope. */
  private async clusterCompletion(
    principal: Principal,
    clusterId: string,
    cover: PeriodCover,
    programId: string | undefined,
  ): Promise<Completion> {
    const em = this.transactions.manager;
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

  private async requireUnit(principal: Principal, unitId: string): Promise<void> {
    await this.access.requireUnit(principal, 'stats.read', unitId);
    const known = await this.orgUnits.names(this.transactions.manager, [unitId]);
    if (!known.has(unitId)) throw notFound();
  }
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
