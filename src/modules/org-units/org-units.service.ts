import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { startOfDay, todayIn } from '../../common/calendar';
import { paginate, Page, PageQuery } from '../../common/pagination';
import { conflict, notFound, ProblemException } from '../../common/problem';
import { containsPattern, normalizeName } from '../../common/vietnamese';
import { Environment } from '../../config/environment';
import { OutboxService } from '../../queue/outbox.service';
import { AccessService } from '../access/access.service';
import { inSubtreeOf } from '../access/subtree';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { holdsEverywhere } from '../auth/permissions';
import {
  CreateOrgUnitRequest,
  ListOrgUnitsQuery,
  MergeOrgUnitRequest,
  MoveOrgUnitRequest,
  UpdateOrgUnitRequest,
} from './dto/org-unit.dto';
import { OrgUnitChange } from './entities/org-unit-change.entity';
import { childPaths, OrgUnit, pathLabel, unitSearchText } from './entities/org-unit.entity';

export const ORG_UNIT_CHANGE_DUE_JOB = 'org-units.change-due';
/** Serialises moves and merges: each rewrites paths across a subtree. */
const RESTRUCTURE_LOCK = 727_002;

@Injectable()
export class OrgUnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly env: Environment,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, request: CreateOrgUnitRequest): Promise<OrgUnit> {
    return this.dataSource.transaction(async (em) => {
      const parentId = request.parentId ?? null;
      let parent: OrgUnit | null = null;
      if (parentId) {
        await this.access.requireUnit(principal, 'org_units.write', parentId, { em });
        parent = await this.lock(em, parentId);
        if (!parent.active) throw this.inactive(parent);
      } else if (!holdsEverywhere(principal, 'org_units.write')) {
        throw new ProblemException(HttpStatus.FORBIDDEN, {
          code: 'root_unit_requires_system_admin',
          detail: 'Chỉ quản trị hệ thống được tạo đơn vị gốc (không có đơn vị cấp trên).',
        });
      }
      const code = request.code.trim();
      await this.assertCodeFree(em, code);
      const id = randomUUID();
      const { path, rollupPath } = childPaths(id, parent);
      const name = normalizeName(request.name);
      await em.insert(OrgUnit, {
        id,
        name,
        code,
        type: request.type,
        parentId,
        path,
        rollupPath,
        searchText: unitSearchText(name, code),
      });
      await em.insert(OrgUnitChange, {
        orgUnitId: id,
        kind: 'created',
        toParentId: parentId,
        effectiveFrom: todayIn(this.env.DEFAULT_TIMEZONE),
        actorUserId: principal.userId,
      });
      return em.findOneByOrFail(OrgUnit, { id });
    });
  }

  async list(principal: Principal, query: ListOrgUnitsQuery): Promise<Page<OrgUnit>> {
    const qb = this.dataSource.getRepository(OrgUnit).createQueryBuilder('unit');
    this.access.restrictToScope(qb, principal, 'org_units.read', 'unit.id');
    if (query.parentId) qb.andWhere('unit.parentId = :parentId', { parentId: query.parentId });
    if (query.type) qb.andWhere('unit.type = :type', { type: query.type });
    if (query.active !== undefined) qb.andWhere('unit.active = :active', { active: query.active });
    if (query.q) qb.andWhere('unit.searchText LIKE :q', { q: containsPattern(query.q) });
    return paginate(qb, query, [
      { column: 'unit.name', property: 'name' },
      { column: 'unit.id', property: 'id' },
    ]);
  }

  async get(principal: Principal, id: string): Promise<OrgUnit> {
    await this.access.requireUnit(principal, 'org_units.read', id);
    const unit = await this.dataSource.getRepository(OrgUnit).findOneBy({ id });
    if (!unit) throw notFound();
    return unit;
  }

  /** 404 for an unknown unit, 409 for a merged one: people and roles go only to active units. */
  async assertActive(em: EntityManager, id: string): Promise<void> {
    const unit = await em.findOneBy(OrgUnit, { id });
    if (!unit) throw notFound();
    if (!unit.active) throw this.inactive(unit);
  }

  /** The first active root unit (where a system admin's work belongs when they name no unit); null in an empty tree. */
  async firstRoot(em: EntityManager): Promise<string | null> {
    const [root]: { id: string }[] = await em.query(
      `SELECT id FROM org_units WHERE parent_id IS NULL AND active ORDER BY created_at LIMIT 1`,
    );
    return root?.id ?? null;
  }

  async update(principal: Principal, id: string, request: UpdateOrgUnitRequest): Promise<OrgUnit> {
    return this.dataSource.transaction(async (em) => {
      await this.access.requireUnit(principal, 'org_units.write', id, { em });
      const unit = await this.lock(em, id);
      if (!unit.active) throw this.inactive(unit);
      const code = request.code?.trim() ?? unit.code;
      if (code.toLowerCase() !== unit.code.toLowerCase()) await this.assertCodeFree(em, code);
      const name = request.name ? normalizeName(request.name) : unit.name;
      await em.update(OrgUnit, id, { name, code, searchText: unitSearchText(name, code) });
      return em.findOneByOrFail(OrgUnit, { id });
    });
  }

  async move(principal: Principal, id: string, request: MoveOrgUnitRequest): Promise<OrgUnitChange> {
    return this.restructure(principal, id, async (em, unit) => {
      const parent = await this.target(em, principal, request.newParentId);
      this.assertNotInside(
        unit,
        parent,
        'org_unit_move_cycle',
        'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.',
      );
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
      this.assertNotInside(
        unit,
        into,
        'org_unit_merge_cycle',
        'Không thể sáp nhập đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.',
      );
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
    const qb = this.dataSource
      .getRepository(OrgUnitChange)
      .createQueryBuilder('change')
      .where('(change.orgUnitId = :id OR change.mergedIntoId = :id OR change.toParentId = :id)', { id });
    return paginate(qb, page, [
      { column: 'change.effectiveFrom', property: 'effectiveFrom' },
      { column: 'change.recordedAt', property: 'recordedAt' },
      { column: 'change.id', property: 'id' },
    ]);
  }

  /**
   * Applies a change whose day has come (the delayed outbox event); a change made moot in the
   * meantime (the unit or its target merged away) is refused with the reason, and stays scheduled.
   */
  async applyDue(em: EntityManager, changeId: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [RESTRUCTURE_LOCK]);
    const change = await em.findOne(OrgUnitChange, { where: { id: changeId }, lock: { mode: 'pessimistic_write' } });
    if (!change || change.status === 'applied') return;
    const unit = await this.lock(em, change.orgUnitId);
    if (!unit.active) throw this.inactive(unit);
    await this.apply(em, unit, change);
    await em.update(OrgUnitChange, change.id, { status: 'applied' });
  }

  /** The shared frame of move and merge: lock, validate, record, then apply now or on its day. */
  private async restructure(
    principal: Principal,
    id: string,
    plan: (em: EntityManager, unit: OrgUnit) => Promise<OrgUnitChange>,
  ): Promise<OrgUnitChange> {
    return this.dataSource.transaction(async (em) => {
      await this.access.requireUnit(principal, 'org_units.restructure', id, { em });
      await em.query('SELECT pg_advisory_xact_lock($1)', [RESTRUCTURE_LOCK]);
      const unit = await this.lock(em, id);
      if (!unit.active) throw this.inactive(unit);
      const change = await plan(em, unit);
      change.actorUserId = principal.userId;
      const due = change.effectiveFrom <= todayIn(this.env.DEFAULT_TIMEZONE);
      change.status = due ? 'applied' : 'scheduled';
      const saved = await em.save(OrgUnitChange, change);
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
      if (!parent.active) throw this.inactive(parent);
      this.assertNotInside(
        unit,
        parent,
        'org_unit_move_cycle',
        'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.',
      );
      await em.query(
        `UPDATE org_units SET path = $2::ltree || subpath(path, nlevel($1::ltree) - 1) WHERE ${inSubtreeOf('path', '$1::ltree')}`,
        [unit.path, parent.path],
      );
      await em.query(
        `UPDATE org_units SET rollup_path = $2::ltree || subpath(rollup_path, nlevel($1::ltree) - 1)
          WHERE ${inSubtreeOf('rollup_path', '$1::ltree')}`,
        [unit.rollupPath, parent.rollupPath],
      );
      await em.update(OrgUnit, unit.id, { parentId: parent.id });
    } else if (change.kind === 'merged') {
      const into = await this.lock(em, change.mergedIntoId!);
      if (!into.active) throw this.inactive(into);
      this.assertNotInside(
        unit,
        into,
        'org_unit_merge_cycle',
        'Không thể sáp nhập đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.',
      );
      // Everything that counted under the merged unit now counts under the target; `path` keeps history.
      await em.query(
        `UPDATE org_units SET rollup_path = $2::ltree || subpath(rollup_path, nlevel($1::ltree) - 1)
          WHERE ${inSubtreeOf('rollup_path', '$1::ltree')}`,
        [unit.rollupPath, into.rollupPath],
      );
      await em.update(OrgUnit, unit.id, { active: false, mergedIntoId: into.id, mergedOn: change.effectiveFrom });
    }
  }

  private async target(em: EntityManager, principal: Principal, id: string): Promise<OrgUnit> {
    await this.access.requireUnit(principal, 'org_units.restructure', id, { em });
    const unit = await this.lock(em, id);
    if (!unit.active) throw this.inactive(unit);
    return unit;
  }

  private assertNotInside(unit: OrgUnit, target: OrgUnit, code: string, detail: string): void {
    const label = pathLabel(unit.id);
    const inside = target.rollupPath.split('.').includes(label) || target.path.split('.').includes(label);
    if (inside) throw conflict(code, detail);
  }

  private async lock(em: EntityManager, id: string): Promise<OrgUnit> {
    const unit = await em.findOne(OrgUnit, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!unit) throw notFound();
    return unit;
  }

  private async assertCodeFree(em: EntityManager, code: string): Promise<void> {
    const taken = await em
      .getRepository(OrgUnit)
      .createQueryBuilder('unit')
      .where('lower(unit.code) = lower(:code)', { code })
      .getExists();
    if (taken) throw conflict('org_unit_code_taken', `Mã đơn vị "${code}" đã được dùng.`);
  }

  private inactive(unit: OrgUnit): ProblemException {
    return conflict(
      'org_unit_inactive',
      `Đơn vị "${unit.name}" đã được sáp nhập (ngày ${unit.mergedOn}) và không còn nhận thay đổi hay đơn vị con mới.`,
    );
  }
}
