import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ATTENDANCE_STATUSES, AttendanceStatus } from '../entities/attendance-record.entity';

export class BridgePointView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orgUnitId: string | null;

  @ApiProperty({ type: Number, nullable: true })
  headcount: number | null;

  @ApiProperty({ type: Date, nullable: true })
  headcountUpdatedAt: Date | null;
}

export class SessionView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  classId: string;

  @ApiProperty()
  startsAt: Date;

  @ApiProperty()
  endsAt: Date;

  @ApiProperty({ type: [String], format: 'uuid' })
  lessonIds: string[];

  @ApiProperty({ type: String, nullable: true })
  location: string | null;

  @ApiProperty({ type: [BridgePointView] })
  bridgePoints: BridgePointView[];

  @ApiPropertyOptional({ description: 'Staff only: the code to show in the room now' })
  checkInCode?: string;

  @ApiPropertyOptional({ description: 'Staff only: when the code rotates' })
  checkInCodeRotatesAt?: Date;
}

export class AttendanceRecordRequest {
  @ApiProperty({ example: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;

  @ApiPropertyOptional({ example: '8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  bridgePointId?: string;
}

export class PutAttendanceRequest {
  @ApiProperty({ type: [AttendanceRecordRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceRecordRequest)
  records: AttendanceRecordRequest[];
}

export class CheckInRequest {
  @ApiProperty({ example: '482913', description: 'The six digits shown in the room' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'gồm 6 chữ số' })
  code: string;

  @ApiPropertyOptional({
    example: '8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f',
    format: 'uuid',
    description: 'Where the learner is, for sessions with bridge points',
  })
  @IsOptional()
  @IsUUID()
  bridgePointId?: string;
}

export class HeadcountRequest {
  @ApiProperty({ minimum: 0, example: 42 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  count: number;
}

export class AttendanceView {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ format: 'uuid' })
  enrollmentId: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  status: AttendanceStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  bridgePointId: string | null;

  @ApiProperty({ enum: ['check_in', 'instructor'] })
  source: 'check_in' | 'instructor';

  @ApiProperty()
  recordedAt: Date;
}

export class SessionAttendanceView {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty({ type: [AttendanceView] })
  records: AttendanceView[];

  @ApiProperty({ type: [BridgePointView] })
  bridgePoints: BridgePointView[];

  @ApiProperty({ description: 'Sum of the bridge points’ headcounts' })
  totalHeadcount: number;
}

export class CheckInResult {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  status: AttendanceStatus;

  @ApiProperty()
  recordedAt: Date;
}
