import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { notFound } from '../../common/problem';
import type { Principal } from '../auth/auth.decorators';
import { Permission, roleGrants, scopesGrant } from '../auth/permissions';

/**
 * Where a caller may use a permission: the subtrees of the units at which they hold a role that
 * grants it (system admins: everywhere; an API key: its unit, for the permissions of its scopes). Subtrees follow `rollup_path`, so after a merge the
 * target's staff see what was merged in. Objects outside the scope are answered with 404.
 */
@Injectable()
export class OrgScopeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Units whose subtrees the permission covers; `null` means everywhere. */
  scopeUnits(principal: Principal, permission: Permission): string[] | null {
    if (principal.apiKey) {
      return scopesGrant(principal.apiKey.scopes, permission) ? [principal.apiKey.orgUnitId] : [];
    }
    const granting = principal.roles.filter((r) => roleGrants(r.role, permission));
    if (granting.some((r) => r.role === 'system_admin')) return null;
    return [...new Set(granting.map((r) => r.orgUnitId).filter((id): id is string => !!id))];
  }

  async covers(
    principal: Principal,
    permission: Permission,
    orgUnitId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const units = this.scopeUnits(principal, permission);
    if (units === null) return true;
    if (units.length === 0) return false;
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM org_units target
        WHERE target.id = $1
          AND target.rollup_path <@ ANY (SELECT scope.rollup_path FROM org_units scope WHERE scope.id = ANY($2::uuid[]))
        LIMIT 1`,
      [orgUnitId, units],
    );
    return rows.length > 0;
  }

  /** Which of these units lie in scope: one query for a whole import file. */
  async coveredUnits(
    principal: Principal,
    permission: Permission,
    unitIds: string[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    const units = this.scopeUnits(principal, permission);
    if (units === null) return new Set(unitIds);
    if (units.length === 0 || unitIds.length === 0) return new Set();
    const rows: { id: string }[] = await em.query(
      `SELECT target.id FROM org_units target
        WHERE target.id = ANY($1::uuid[])
          AND target.rollup_path <@ ANY (SELECT scope.rollup_path FROM org_units scope WHERE scope.id = ANY($2::uuid[]))`,
      [unitIds, units],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** 404 unless the unit lies in the caller's scope for the permission. */
  async assertCovers(
    principal: Principal,
    permission: Permission,
    orgUnitId: string | null,
    em?: EntityManager,
  ): Promise<void> {
    const units = this.scopeUnits(principal, permission);
    if (units === null) return;
    if (!orgUnitId || !(await this.covers(principal, permission, orgUnitId, em))) throw notFound();
  }

  /** Narrows a list query to rows whose unit (`unitColumn`, an org_units id) is in scope. */
  restrict<T extends ObjectLiteral>(
    query: SelectQueryBuilder<T>,
    principal: Principal,
    permission: Permission,
    unitColumn: string,
  ): SelectQueryBuilder<T> {
    const units = this.scopeUnits(principal, permission);
    if (units === null) return query;
    if (units.length === 0) return query.andWhere('false');
    return query.andWhere(
      `${unitColumn} IN (SELECT inside.id FROM org_units inside
         WHERE inside.rollup_path <@ ANY (SELECT scope.rollup_path FROM org_units scope WHERE scope.id = ANY(:scopeUnits)))`,
      { scopeUnits: units },
    );
  }
}
