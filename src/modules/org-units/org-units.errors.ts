import { HttpStatus } from '@nestjs/common';
import { conflict, ProblemException } from '../../common/problem';
import type { OrgUnit } from './entities/org-unit.entity';

/** 403: a unit without a parent is the top of a tree; only system admins start one. */
export function rootUnitRequiresSystemAdmin(): ProblemException {
  return new ProblemException(HttpStatus.FORBIDDEN, {
    code: 'root_unit_requires_system_admin',
    detail: 'Chỉ quản trị hệ thống được tạo đơn vị gốc (không có đơn vị cấp trên).',
  });
}

/** 409: a merged unit takes no changes and no new children. */
export function orgUnitInactive(unit: Pick<OrgUnit, 'name' | 'mergedOn'>): ProblemException {
  return conflict(
    'org_unit_inactive',
    `Đơn vị "${unit.name}" đã được sáp nhập (ngày ${unit.mergedOn}) và không còn nhận thay đổi hay đơn vị con mới.`,
  );
}

/** 409: unit codes are unique, whatever their case. */
export function orgUnitCodeTaken(code: string): ProblemException {
  return conflict('org_unit_code_taken', `Mã đơn vị "${code}" đã được dùng.`);
}

/** 409: a move would put a unit under itself. */
export function orgUnitMoveCycle(): ProblemException {
  return conflict('org_unit_move_cycle', 'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.');
}

/** 409: a merge would put a unit into itself or one of its own units. */
export function orgUnitMergeCycle(): ProblemException {
  return conflict('org_unit_merge_cycle', 'Không thể sáp nhập đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.');
}

/** For the manual (`@ApiProblems`): how any write involving a merged unit is refused. */
export const MERGED_UNIT = {
  problem: orgUnitInactive({ name: 'Trung tâm Chính trị phường Minh Xuân', mergedOn: '2025-07-01' }),
  when: 'a unit involved was merged: it takes no changes',
};
