import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDay } from '../../../common/validators';

export const ATTENDANCE_GROUPS = ['child', 'month'] as const;
export type AttendanceGrouping = (typeof ATTENDANCE_GROUPS)[number];

export class AttendanceQuery {
  @ApiProperty({ format: 'uuid', description: 'The unit whose subtree counts (merged units included)' })
  @IsUUID()
  orgUnitId: string;

  @ApiPropertyOptional({ format: 'date', description: 'Sessions starting on or after this day (class timezone)' })
  @IsOptional()
  @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Sessions starting on or before this day (class timezone)' })
  @IsOptional()
  @IsCalendarDay()
  to?: string;

  @ApiPropertyOptional({ enum: ATTENDANCE_GROUPS, default: 'child' })
  @IsOptional()
  @IsIn(ATTENDANCE_GROUPS)
  groupBy?: AttendanceGrouping;
}

export class AttendanceRowView {
  @ApiProperty({ description: 'A child unit id, a month (YYYY-MM), or `total`' })
  key: string;

  @ApiProperty({ description: 'The unit’s name, the month, or “Tổng cộng”' })
  label: string;

  @ApiProperty({ description: 'Sessions held (begun) of opened classes' })
  sessions: number;

  @ApiProperty({ description: 'Bridge points of those sessions' })
  bridgePoints: number;

  @ApiProperty({ description: 'Sum of the bridge points’ headcounts' })
  headcount: number;

  @ApiProperty({ description: 'Attendances recorded present or late (a learner at a session)' })
  present: number;
}

export class AttendanceView {
  @ApiProperty({ type: [AttendanceRowView] })
  rows: AttendanceRowView[];

  @ApiProperty({ type: AttendanceRowView })
  total: AttendanceRowView;
}
