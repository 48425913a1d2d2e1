import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { startOfDay, todayIn } from '../../common/calendar';
import { Page, PageQuery } from '../../common/pagination';
import { notFound, ProblemException } from '../../common/problem';
import { normalizeName } from '../../common/vietnamese';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { OutboxService } from '../../queue/outbox.service';
import type { Topic } from '../../queue/topics';
import { AccessService } from '../access/access.service';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { holdsEverywhere, Permission } from '../auth/permissions';
import {
  CreateOrgUnitRequest,
  ListOrgUnitsQuery,
  MergeOrgUnitRequest,
  MoveOrgUnitRequest,
  UpdateOrgUnitRequest,
} from './dto/org-unit.dto';
import { OrgUnitChange } from './entities/org-unit-change.entity';
import { childPaths, OrgUnit, pathLabel, unitSearchText } from './entities/org-unit.entity';
import {
  orgUnitCodeTaken,
  orgUnitInactive,
  orgUnitMergeCycle,
  orgUnitMoveCycle,
  rootUnitRequiresSystemAdmin,
} from './org-units.errors';
import { OrgUnitsRepository } from './org-units.repository';

export const ORG_UNIT_CHANGE_DUE_JOB = 'org-units.change-due';
export const ORG_UNIT_CHANGED = 'org-units.changed' satisfies Topic;

@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly units: OrgUnitsRepository,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly env: Environment,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, request: CreateOrgUnitRequest): Promise<OrgUnit> {
    return this.transactions.run(async (em) => {
      const parentId = request.parentId ?? null;
      let parent: OrgUnit | null = null;
      if (parentId) {
        await this.access.requireUnit(principal, 'org_units.write', parentId, { em });
        parent = await this.lock(em, parentId);
        if (!parent.active) throw orgUnitInactive(parent);
      } else if (!holdsEverywhere(principal, 'org_units.write')) {
        throw rootUnitRequiresSystemAdmin();
      }
      const code = request.code.trim();
      await this.assertCodeFree(em, code);
      const id = randomUUID();
      const { path, rollupPath } = childPaths(id, parent);
      const name = normalizeName(request.name);
      await this.units.insert(em, {
        id,
        name,
        code,
        type: request.type,
        parentId,
        path,
        rollupPath,
        searchText: unitSearchText(name, code),
      });
      await this.units.insertChange(em, {
        orgUnitId: id,
        kind: 'created',
        toParentId: parentId,
        effectiveFrom: todayIn(this.env.DEFAULT_TIMEZONE),
        actorUserId: principal.userId,
      });
      return this.units.findByIdOrFail(em, id);
    });
  }

  async list(principal: Principal, query: ListOrgUnitsQuery): Promise<Page<OrgUnit>> {
    return this.units.page(this.transactions.manager, query, (qb) =>
      this.access.restrictToScope(qb, principal, 'org_units.read', 'unit.id'),
    );
  }

  /** The active units where the caller may act with `permission` (what an import file may name). */
  codesInScope(principal: Principal, permission: Permission): Promise<Pick<OrgUnit, 'code' | 'name'>[]> {
    return this.units.activeCodes(this.transactions.manager, (qb) =>
      this.access.restrictToScope(qb, principal, permission, 'unit.id'),
    );
  }

  /** Code and name of a unit the caller has already reached through something of it (a class). */
  async label(em: EntityManager, id: string): Promise<Pick<OrgUnit, 'code' | 'name'>> {
    const unit = await this.units.findByIdOrFail(em, id);
    return { code: unit.code, name: unit.name };
  }

  async get(principal: Principal, id: string): Promise<OrgUnit> {
    await this.access.requireUnit(principal, 'org_units.read', id);
    const unit = await this.units.findById(this.transactions.manager, id);
    if (!unit) throw notFound();
    return unit;
  }

  /** 404 for an unknown unit, 409 for a merged one: people and roles go only to active units. */
  async assertActive(em: EntityManager, id: string): Promise<void> {
    const unit = await this.units.findById(em, id);
    if (!unit) throw notFound();
    if (!unit.active) throw orgUnitInactive(unit);
  }

  /** The first active root unit (where a system admin's work belongs when they name no unit); null in an empty tree. */
  async firstRoot(em: EntityManager): Promise<string | null> {
    return this.units.firstActiveRoot(em);
  }

  async update(principal: Principal, id: string, request: UpdateOrgUnitRequest): Promise<OrgUnit> {
    return this.transactions.run(async (em) => {
      await this.access.requireUnit(principal, 'org_units.write', id, { em });
      const unit = await this.lock(em, id);
      if (!unit.active) throw orgUnitInactive(unit);
      const code = request.code?.trim() ?? unit.code;
      if (code.toLowerCase() !== unit.code.toLowerCase()) await this.assertCodeFree(em, code);
      const name = request.name ? normalizeName(request.name) : unit.name;
      await this.units.update(em, id, { name, code, searchText: unitSearchText(name, code) });
      return this.units.findByIdOrFail(em, id);
    });
  }

  async move(principal: Principal, id: string, request: MoveOrgUnitRequest): Promise<OrgUnitChange> {
    return this.restructure(principal, id, async (em, unit) => {
      const parent = await this.target(em, principal, request.newParentId);
      this.assertNotInside(unit, parent, orgUnitMoveCycle);
      return em.create(OrgUnitChange, {
        orgUnitId: unit.id,
        kind: 'moved',
        fromParentId: unit.parentId,
        toParentId: parent.id,
        effectiveFrom: request.effectiveFrom,
      });
    });
  }

  async merge(principal: Principal, id: string, request: MergeOrgUnitRequest): Promise<OrgUnitChange> {
    return this.restructure(principal, id, async (em, unit) => {
      const into = await this.target(em, principal, request.intoId);
      this.assertNotInside(unit, into, orgUnitMergeCycle);
      return em.create(OrgUnitChange, {
        orgUnitId: unit.id,
        kind: 'merged',
        fromParentId: unit.parentId,
        mergedIntoId: into.id,
        effectiveFrom: request.effectiveFrom,
      });
    });
  }

  async history(principal: Principal, id: string, page: PageQuery): Promise<Page<OrgUnitChange>> {
    await this.get(principal, id);
    return this.units.changesPage(this.transactions.manager, id, page);
  }

  /**
   * Applies a change whose day has come (the delayed outbox event); a change made moot in the
   * meantime (the unit or its target merged away) is refused with the reason, and stays scheduled.
   */
  async applyDue(em: EntityManager, changeId: string): Promise<void> {
    await this.units.lockRestructuring(em);
    const change = await this.units.findChangeForUpdate(em, changeId);
    if (!change || change.status === 'applied') return;
    const unit = await this.lock(em, change.orgUnitId);
    if (!unit.active) throw orgUnitInactive(unit);
    await this.apply(em, unit, change);
    await this.units.markChangeApplied(em, change.id);
  }

  /** The shared frame of move and merge: lock, validate, record, then apply now or on its day. */
  private async restructure(
    principal: Principal,
    id: string,
    plan: (em: EntityManager, unit: OrgUnit) => Promise<OrgUnitChange>,
  ): Promise<OrgUnitChange> {
    return this.transactions.run(async (em) => {
      await this.access.requireUnit(principal, 'org_units.restructure', id, { em });
      await this.units.lockRestructuring(em);
      const unit = await this.lock(em, id);
      if (!unit.active) throw orgUnitInactive(unit);
      const change = await plan(em, unit);
      change.actorUserId = principal.userId;
      const due = change.effectiveFrom <= todayIn(this.env.DEFAULT_TIMEZONE);
      change.status = due ? 'applied' : 'scheduled';
      const saved = await this.units.saveChange(em, change);
      await this.audit.record(em, {
        action: `org_unit.${saved.kind}`,
        ...actorOf(principal),
        targetType: 'org_unit',
        targetId: unit.id,
        orgUnitId: unit.id,
        details: {
          effectiveFrom: saved.effectiveFrom,
          status: saved.status,
          fromParentId: saved.fromParentId,
          toParentId: saved.toParentId,
          mergedIntoId: saved.mergedIntoId,
        },
      });
      if (due) {
        await this.apply(em, unit, saved);
      } else {
        await this.outbox.publish(
          em,
          ORG_UNIT_CHANGE_DUE_JOB,
          { changeId: saved.id },
          {
            availableAt: startOfDay(saved.effectiveFrom, this.env.DEFAULT_TIMEZONE),
            dedupeKey: `org-change:${saved.id}`,
          },
        );
      }
      return saved;
    });
  }

  private async apply(em: EntityManager, unit: OrgUnit, change: OrgUnitChange): Promise<void> {
    if (change.kind === 'moved') {
      const parent = await this.lock(em, change.toParentId!);
      if (!parent.active) throw orgUnitInactive(parent);
      this.assertNotInside(unit, parent, orgUnitMoveCycle);
      await this.units.movePaths(em, unit.path, parent.path);
      await this.units.moveRollupPaths(em, unit.rollupPath, parent.rollupPath);
      await this.units.update(em, unit.id, { parentId: parent.id });
    } else if (change.kind === 'merged') {
      const into = await this.lock(em, change.mergedIntoId!);
      if (!into.active) throw orgUnitInactive(into);
      this.assertNotInside(unit, into, orgUnitMergeCycle);
      // Everything that counted under the merged unit now counts under the target; `path` keeps history.
      await this.units.moveRollupPaths(em, unit.rollupPath, into.rollupPath);
      await this.units.update(em, unit.id, { active: false, mergedIntoId: into.id, mergedOn: change.effectiveFrom });
    } else {
      return;
    }
    await this.outbox.publish(em, ORG_UNIT_CHANGED, { changeId: change.id, orgUnitId: unit.id, kind: change.kind });
  }

  /** The units of the unit's counting subtree (itself included) with their `rollupPath`; empty for an unknown unit. */
  subtreeRollupPaths(em: EntityManager, id: string): Promise<{ id: string; rollupPath: string }[]> {
    return this.units.subtreeRollupPaths(em, id);
  }

  /** The `rollupPath` of each of the units (missing ids are left out). */
  async rollupPaths(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows = await this.units.rollupPathsOf(em, ids);
    return new Map(rows.map((r) => [r.id, r.rollupPath]));
  }

  /** Names of the units (missing ids are left out), for report labels. */
  async names(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const units = await this.units.findByIds(em, ids);
    return new Map(units.map((u) => [u.id, u.name]));
  }

  /**
   * Active units directly under the unit where they count today. An active unit's rollup parent is
   * always its parent (a merge re-roots the merged unit's subtree under the target whole), so these
   * are its active children.
   */
  countingChildren(em: EntityManager, id: string): Promise<{ id: string; name: string }[]> {
    return this.units.countingChildren(em, id);
  }

  private async target(em: EntityManager, principal: Principal, id: string): Promise<OrgUnit> {
    await this.access.requireUnit(principal, 'org_units.restructure', id, { em });
    const unit = await this.lock(em, id);
    if (!unit.active) throw orgUnitInactive(unit);
    return unit;
  }

  private assertNotInside(unit: OrgUnit, target: OrgUnit, cycle: () => ProblemException): void {
    const label = pathLabel(unit.id);
    const inside = target.rollupPath.split('.').includes(label) || target.path.split('.').includes(label);
    if (inside) throw cycle();
  }

  private async lock(em: EntityManager, id: string): Promise<OrgUnit> {
    const unit = await this.units.findForUpdate(em, id);
    if (!unit) throw notFound();
    return unit;
  }

  private async assertCodeFree(em: EntityManager, code: string): Promise<void> {
    if (await this.units.codeTaken(em, code)) throw orgUnitCodeTaken(code);
  }
}
