import { SAMPLE_ID } from '../../../common/api-problems';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDay } from '../../../common/validators';

export const COMPLETION_GROUPS = ['child', 'program', 'month'] as const;
export type CompletionGrouping = (typeof COMPLETION_GROUPS)[number];

export class CompletionQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The unit whose subtree counts (merged units included); or clusterId',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An emulation cluster: one row per member unit' })
  @IsOptional()
  @IsUUID()
  clusterId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only classes of this programme' })
  @IsOptional()
  @IsUUID()
  programId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Classes ending on or after this day' })
  @IsOptional()
  @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Classes ending on or before this day' })
  @IsOptional()
  @IsCalendarDay()
  to?: string;

  @ApiPropertyOptional({ enum: COMPLETION_GROUPS, default: 'child', description: 'Ignored with clusterId' })
  @IsOptional()
  @IsIn(COMPLETION_GROUPS)
  groupBy?: CompletionGrouping;
}

export class ClassificationCounts {
  @ApiProperty()
  xuat_sac: number;

  @ApiProperty()
  gioi: number;

  @ApiProperty()
  kha: number;

  @ApiProperty()
  trung_binh: number;

  @ApiProperty()
  khong_dat: number;
}

export class CompletionRowView {
  @ApiProperty({ description: 'A unit id (child, cluster member), a programme id, a month (YYYY-MM), or `total`' })
  key: string;

  @ApiProperty({ description: 'The unit’s or programme’s name, the month, or “Tổng cộng”' })
  label: string;

  @ApiProperty({ description: 'Opened classes ending in the period' })
  classes: number;

  @ApiProperty({ description: 'Their enrolments, withdrawn and rejected ones left out' })
  enrolled: number;

  @ApiProperty()
  completed: number;

  @ApiProperty()
  failed: number;

  @ApiProperty({ description: 'Active or pending' })
  inProgress: number;

  @ApiProperty({ type: Number, nullable: true, description: 'completed ÷ (completed + failed), 4 decimals' })
  passRate: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean final score of completed and failed ones, 2 decimals',
  })
  averageScore: number | null;

  @ApiProperty({ type: ClassificationCounts, description: 'Of the completed and failed enrolments' })
  classification: ClassificationCounts;

  @ApiProperty({ description: 'Valid certificates of these classes' })
  certificatesIssued: number;
}

export class CompletionView {
  @ApiProperty({ type: [CompletionRowView] })
  rows: CompletionRowView[];

  @ApiProperty({ type: CompletionRowView })
  total: CompletionRowView;
}

export class CreateClusterRequest {
  @ApiProperty({ example: 'Cụm thi đua các tỉnh đồng bằng sông Hồng' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Member units, in the order reports list them',
    example: [SAMPLE_ID],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  orgUnitIds: string[];
}

export class ClusterView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  orgUnitIds: string[];

  @ApiProperty()
  createdAt: Date;
}

export class PlanParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class PlanItemRequest {
  @ApiProperty({ format: 'uuid', example: SAMPLE_ID })
  @IsUUID()
  programId: string;

  @ApiProperty({ example: 10, description: 'Classes to open that year' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  plannedClasses: number;

  @ApiProperty({ example: 500, description: 'Learners to train that year' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  plannedLearners: number;
}

export class PutPlanRequest {
  @ApiProperty({ type: [PlanItemRequest], description: 'The whole plan of the year, one item per programme' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PlanItemRequest)
  items: PlanItemRequest[];
}

export class PlansQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orgUnitId: string;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class PercentOfPlan {
  @ApiProperty({ type: Number, nullable: true, description: 'classes ÷ plannedClasses × 100, 1 decimal' })
  classes: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'enrolled ÷ plannedLearners × 100, 1 decimal' })
  learners: number | null;
}

export class PlanRowView {
  @ApiProperty({ description: 'A programme id, or `total`' })
  key: string;

  @ApiProperty()
  label: string;

  @ApiProperty({ description: 'The unit’s own plan' })
  plannedClasses: number;

  @ApiProperty()
  plannedLearners: number;

  @ApiProperty({ description: 'Sum of the plans of the unit’s children' })
  childrenPlannedClasses: number;

  @ApiProperty()
  childrenPlannedLearners: number;

  @ApiProperty({ description: 'Opened classes under the unit ending in the year' })
  classes: number;

  @ApiProperty({ description: 'Their learners, withdrawn and rejected ones left out' })
  enrolled: number;

  @ApiProperty()
  completed: number;

  @ApiProperty({ type: PercentOfPlan })
  percentOfPlan: PercentOfPlan;
}

export class PlansView {
  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  @ApiProperty()
  year: number;

  @ApiProperty({ type: [PlanRowView] })
  rows: PlanRowView[];

  @ApiProperty({ type: PlanRowView })
  total: PlanRowView;
}
