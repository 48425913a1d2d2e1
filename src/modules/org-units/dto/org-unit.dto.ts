import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/pagination';
import { IsCalendarDay } from '../../../common/validators';
import { ORG_UNIT_CHANGE_KINDS, OrgUnitChange, OrgUnitChangeKind } from '../entities/org-unit-change.entity';
import { ORG_UNIT_TYPES, OrgUnit, OrgUnitType } from '../entities/org-unit.entity';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const CODE_MESSAGE = 'chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới (tối đa 64 ký tự)';

export class CreateOrgUnitRequest {
  @ApiProperty({ example: 'Trung tâm Chính trị xã Tân Lập' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ example: 'TTCT-TANLAP' })
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({ enum: ORG_UNIT_TYPES })
  @IsIn(ORG_UNIT_TYPES)
  type: OrgUnitType;

  @ApiPropertyOptional({
    example: '0b7c9d2e-4f1a-4c3b-8e5d-6a7b8c9d0e1f',
    format: 'uuid',
    nullable: true,
    description: 'Only a system admin creates a root',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class UpdateOrgUnitRequest {
  @ApiPropertyOptional({ example: 'Trung tâm Chính trị phường Minh Xuân' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ example: 'TTCT-MINHXUAN' })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;
}

export class MoveOrgUnitRequest {
  @ApiProperty({ example: '5d1e2f3a-6b7c-4d8e-9f0a-1b2c3d4e5f60', format: 'uuid' })
  @IsUUID()
  newParentId: string;

  @ApiProperty({ example: '2025-07-01', description: 'Calendar day the move takes effect; future days are scheduled' })
  @IsCalendarDay()
  effectiveFrom: string;
}

export class MergeOrgUnitRequest {
  @ApiProperty({ example: '5d1e2f3a-6b7c-4d8e-9f0a-1b2c3d4e5f60', format: 'uuid' })
  @IsUUID()
  intoId: string;

  @ApiProperty({ example: '2025-07-01', description: 'Calendar day the merge takes effect; future days are scheduled' })
  @IsCalendarDay()
  effectiveFrom: string;
}

export class ListOrgUnitsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ enum: ORG_UNIT_TYPES })
  @IsOptional()
  @IsIn(ORG_UNIT_TYPES)
  type?: OrgUnitType;

  @ApiPropertyOptional({ description: 'Name or code, with or without diacritics' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Only active (or only merged) units' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

export class OrgUnitView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  code: string;

  @ApiProperty({ enum: ORG_UNIT_TYPES })
  type: OrgUnitType;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId: string | null;

  @ApiProperty({ type: [String], description: 'Ids from the root down to this unit (where it sits in the tree)' })
  path: string[];

  @ApiProperty()
  active: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  mergedOn: string | null;

  static from(unit: OrgUnit): OrgUnitView {
    return {
      id: unit.id,
      name: unit.name,
      code: unit.code,
      type: unit.type,
      parentId: unit.parentId,
      path: unit.path.split('.').map(labelToId),
      active: unit.active,
      mergedIntoId: unit.mergedIntoId,
      mergedOn: unit.mergedOn,
    };
  }
}

function labelToId(label: string): string {
  return `${label.slice(0, 8)}-${label.slice(8, 12)}-${label.slice(12, 16)}-${label.slice(16, 20)}-${label.slice(20)}`;
}

export class OrgUnitChangeView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  @ApiProperty({ enum: ORG_UNIT_CHANGE_KINDS })
  kind: OrgUnitChangeKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  fromParentId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  toParentId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ApiProperty({ format: 'date' })
  effectiveFrom: string;

  @ApiProperty({ enum: ['scheduled', 'applied'] })
  status: 'scheduled' | 'applied';

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;

  static from(change: OrgUnitChange): OrgUnitChangeView {
    return {
      id: change.id,
      orgUnitId: change.orgUnitId,
      kind: change.kind,
      fromParentId: change.fromParentId,
      toParentId: change.toParentId,
      mergedIntoId: change.mergedIntoId,
      effectiveFrom: change.effectiveFrom,
      status: change.status,
      recordedAt: change.recordedAt.toISOString(),
    };
  }
}
