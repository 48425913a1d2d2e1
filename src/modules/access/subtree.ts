/**
 * The org-subtree condition, written once. Subtrees follow `rollup_path` (after a merge the target
 * counts what was merged in); tree operations that rewrite paths also select by `path`.
 */

/** SQL: the ltree `path` lies in the subtree of `ancestor` (an ltree expression, or `ANY (...)` of them). */
export function inSubtreeOf(path: string, ancestor: string): string {
  return `${path} <@ ${ancestor}`;
}

/** SQL: the ltree `path` lies under one of the units `unitIds` (a uuid[] expression). */
export function inSubtreeOfAny(path: string, unitIds: string): string {
  return inSubtreeOf(path, `ANY (SELECT scope.rollup_path FROM org_units scope WHERE scope.id = ANY(${unitIds}))`);
}

/** SQL: the unit id in `unitColumn` lies under one of the units `unitIds` (a uuid[] expression). */
export function unitUnderAny(unitColumn: string, unitIds: string): string {
  return `${unitColumn} IN (SELECT inside.id FROM org_units inside WHERE ${inSubtreeOfAny('inside.rollup_path', unitIds)})`;
}

/** SQL: the unit id in `unitColumn` lies under the unit `unitId` (a uuid expression). */
export function unitUnder(unitColumn: string, unitId: string): string {
  return `${unitColumn} IN (SELECT inside.id FROM org_units inside
     WHERE ${inSubtreeOf('inside.rollup_path', `(SELECT root.rollup_path FROM org_units root WHERE root.id = ${unitId})`)})`;
}
