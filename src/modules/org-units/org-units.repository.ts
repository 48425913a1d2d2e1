import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { Page, PageQuery, paginate } from '../../common/pagination';
import { containsPattern } from '../../common/vietnamese';
import { inSubtreeOf } from '../access/subtree';
import { ListOrgUnitsQuery } from './dto/org-unit.dto';
import { OrgUnitChange } from './entities/org-unit-change.entity';
import { OrgUnit } from './entities/org-unit.entity';

/** Serialises moves and merges: each rewrites paths across a subtree. */
const RESTRUCTURE_LOCK = 727_002;

/** The org_units tree and its change history. Methods take the use case's EntityManager. */
@Injectable()
export class OrgUnitsRepository {
  async insert(em: EntityManager, unit: DeepPartial<OrgUnit>): Promise<void> {
    await em.insert(OrgUnit, unit);
  }

  async update(em: EntityManager, id: string, changes: DeepPartial<OrgUnit>): Promise<void> {
    await em.update(OrgUnit, id, changes);
  }

  findById(em: EntityManager, id: string): Promise<OrgUnit | null> {
    return em.findOneBy(OrgUnit, { id });
  }

  findByIdOrFail(em: EntityManager, id: string): Promise<OrgUnit> {
    return em.findOneByOrFail(OrgUnit, { id });
  }

  findForUpdate(em: EntityManager, id: string): Promise<OrgUnit | null> {
    return em.findOne(OrgUnit, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByIds(em: EntityManager, ids: string[]): Promise<OrgUnit[]> {
    return ids.length === 0 ? Promise.resolve([]) : em.findBy(OrgUnit, { id: In(ids) });
  }

  subtreeRollupPaths(em: EntityManager, id: string): Promise<{ id: string; rollupPath: string }[]> {
    return em.query(
      `SELECT inside.id, inside.rollup_path::text AS "rollupPath" FROM org_units inside
        WHERE ${inSubtreeOf('inside.rollup_path', '(SELECT root.rollup_path FROM org_units root WHERE root.id = $1)')}`,
      [id],
    );
  }

  rollupPathsOf(em: EntityManager, ids: string[]): Promise<{ id: string; rollupPath: string }[]> {
    return em.query(`SELECT id, rollup_path::text AS "rollupPath" FROM org_units WHERE id = ANY($1::uuid[])`, [ids]);
  }

  countingChildren(em: EntityManager, id: string): Promise<{ id: string; name: string }[]> {
    return em.query(`SELECT id, name FROM org_units WHERE parent_id = $1 AND active ORDER BY name, id`, [id]);
  }

  /** `restrict` narrows the query to the caller's scope (AccessService.restrictToScope). */
  page(
    em: EntityManager,
    query: ListOrgUnitsQuery,
    restrict: (qb: SelectQueryBuilder<OrgUnit>) => void,
  ): Promise<Page<OrgUnit>> {
    const qb = em.getRepository(OrgUnit).createQueryBuilder('unit');
    restrict(qb);
    if (query.parentId) qb.andWhere('unit.parentId = :parentId', { parentId: query.parentId });
    if (query.type) qb.andWhere('unit.type = :type', { type: query.type });
    if (query.active !== undefined) qb.andWhere('unit.active = :active', { active: query.active });
    if (query.q) qb.andWhere('unit.searchText LIKE :q', { q: containsPattern(query.q) });
    return paginate(qb, query, [
      { column: 'unit.name', property: 'name' },
      { column: 'unit.id', property: 'id' },
    ]);
  }

  /** Code and name of the active units, by code; `restrict` narrows them as in `page`. */
  activeCodes(
    em: EntityManager,
    restrict: (qb: SelectQueryBuilder<OrgUnit>) => void,
  ): Promise<Pick<OrgUnit, 'code' | 'name'>[]> {
    const qb = em.getRepository(OrgUnit).createQueryBuilder('unit').select(['unit.code', 'unit.name']);
    restrict(qb);
    return qb.andWhere('unit.active').orderBy('unit.code').getMany();
  }

  /** The first active root unit; null in an empty tree. */
  async firstActiveRoot(em: EntityManager): Promise<string | null> {
    const [root]: { id: string }[] = await em.query(
      `SELECT id FROM org_units WHERE parent_id IS NULL AND active ORDER BY created_at LIMIT 1`,
    );
    return root?.id ?? null;
  }

  codeTaken(em: EntityManager, code: string): Promise<boolean> {
    return em
      .getRepository(OrgUnit)
      .createQueryBuilder('unit')
      .where('lower(unit.code) = lower(:code)', { code })
      .getExists();
  }

  /** Waits for any other move or merge to commit; held to the end of the transaction. */
  async lockRestructuring(em: EntityManager): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [RESTRUCTURE_LOCK]);
  }

  /** Re-roots the unit's subtree (`path`) under the new parent's path. */
  async movePaths(em: EntityManager, unitPath: string, parentPath: string): Promise<void> {
    await em.query(
      `UPDATE org_units SET path = $2::ltree || subpath(path, nlevel($1::ltree) - 1) WHERE ${inSubtreeOf('path', '$1::ltree')}`,
      [unitPath, parentPath],
    );
  }

  /** Re-roots the unit's subtree for counting (`rollup_path`) under another unit's rollup path. */
  async moveRollupPaths(em: EntityManager, unitRollupPath: string, targetRollupPath: string): Promise<void> {
    await em.query(
      `UPDATE org_units SET rollup_path = $2::ltree || subpath(rollup_path, nlevel($1::ltree) - 1)
          WHERE ${inSubtreeOf('rollup_path', '$1::ltree')}`,
      [unitRollupPath, targetRollupPath],
    );
  }

  async insertChange(em: EntityManager, change: DeepPartial<OrgUnitChange>): Promise<void> {
    await em.insert(OrgUnitChange, change);
  }

  saveChange(em: EntityManager, change: OrgUnitChange): Promise<OrgUnitChange> {
    return em.save(OrgUnitChange, change);
  }

  findChangeForUpdate(em: EntityManager, id: string): Promise<OrgUnitChange | null> {
    return em.findOne(OrgUnitChange, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markChangeApplied(em: EntityManager, id: string): Promise<void> {
    await em.update(OrgUnitChange, id, { status: 'applied' });
  }

  /** Changes of the unit itself, and those that moved or merged units into it. */
  changesPage(em: EntityManager, id: string, page: PageQuery): Promise<Page<OrgUnitChange>> {
    const qb = em
      .getRepository(OrgUnitChange)
      .createQueryBuilder('change')
      .where('(change.orgUnitId = :id OR change.mergedIntoId = :id OR change.toParentId = :id)', { id });
    return paginate(qb, page, [
      { column: 'change.effectiveFrom', property: 'effectiveFrom' },
      { column: 'change.recordedAt', property: 'recordedAt' },
      { column: 'change.id', property: 'id' },
    ]);
  }
}
