import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../common/pagination';
import { IsCalendarDay } from '../../../common/validators';
import {
  CLASS_MODES,
  CLASS_STATUSES,
  ClassMode,
  ClassStatus,
  ENROLLMENT_POLICIES,
  EnrollmentPolicy,
  TrainingClass,
} from '../entities/training-class.entity';

const CODE = /^[\p{L}\p{N}][\p{L}\p{N}._/-]{0,63}$/u;

class ClassFields {
  @ApiPropertyOptional({ example: 'Lớp Nhận thức về Đảng khóa 1/2026' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: '2026-03-02', format: 'date' })
  @IsOptional()
  @IsCalendarDay()
  startsOn?: string;

  @ApiPropertyOptional({ example: '2026-03-06', format: 'date' })
  @IsOptional()
  @IsCalendarDay()
  endsOn?: string;

  @ApiPropertyOptional({ enum: CLASS_MODES })
  @IsOptional()
  @IsIn(CLASS_MODES)
  mode?: ClassMode;

  @ApiPropertyOptional({
    example: 60,
    type: Number,
    nullable: true,
    minimum: 1,
    description: 'Most active enrolments; null: no limit',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capacity?: number | null;

  @ApiPropertyOptional({ enum: ENROLLMENT_POLICIES })
  @IsOptional()
  @IsIn(ENROLLMENT_POLICIES)
  enrollmentPolicy?: EnrollmentPolicy;

  @ApiPropertyOptional({ example: 'Asia/Ho_Chi_Minh', description: 'IANA zone for calendars and day boundaries' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: true, description: 'Default: the course rule’s requireFinalExam' })
  @IsOptional()
  @IsBoolean()
  requireFinalExam?: boolean;
}

export class CreateClassRequest extends ClassFields {
  @ApiProperty({ example: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', format: 'uuid', description: 'A published course' })
  @IsUUID()
  courseId: string;

  @ApiProperty({ example: '0b7c9d2e-4f1a-4c3b-8e5d-6a7b8c9d0e1f', format: 'uuid' })
  @IsUUID()
  orgUnitId: string;

  @ApiProperty({ example: 'NTVD-2026-01', description: 'Unique within the unit' })
  @Matches(CODE, { message: 'gồm 1–64 chữ, số hoặc . _ / -' })
  code: string;

  @ApiProperty({ example: 'Lớp Nhận thức về Đảng khóa 1/2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  declare title: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDay()
  declare startsOn: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDay()
  declare endsOn: string;

  @ApiProperty({ enum: CLASS_MODES })
  @IsIn(CLASS_MODES)
  declare mode: ClassMode;

  @ApiProperty({ enum: ENROLLMENT_POLICIES })
  @IsIn(ENROLLMENT_POLICIES)
  declare enrollmentPolicy: EnrollmentPolicy;
}

export class UpdateClassRequest extends ClassFields {
  @ApiPropertyOptional({
    enum: ['open'],
    description: '`open` opens a planned class; closing is POST /classes/{id}/close',
  })
  @IsOptional()
  @IsIn(['open'])
  status?: 'open';
}

export class ListClassesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Classes of this unit and its subtree' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  courseId?: string;

  @ApiPropertyOptional({ enum: CLASS_STATUSES })
  @IsOptional()
  @IsIn(CLASS_STATUSES)
  status?: ClassStatus;

  @ApiPropertyOptional({ format: 'date', description: 'Classes ending on or after this day' })
  @IsOptional()
  @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Classes starting on or before this day' })
  @IsOptional()
  @IsCalendarDay()
  to?: string;
}

export class AssignInstructorRequest {
  @ApiProperty({ example: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', format: 'uuid' })
  @IsUUID()
  userId: string;
}

export class ClassView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  courseId: string;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  @ApiProperty()
  code: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ format: 'date' })
  startsOn: string;

  @ApiProperty({ format: 'date' })
  endsOn: string;

  @ApiProperty({ enum: CLASS_MODES })
  mode: ClassMode;

  @ApiProperty({ type: Number, nullable: true })
  capacity: number | null;

  @ApiProperty({ enum: ENROLLMENT_POLICIES })
  enrollmentPolicy: EnrollmentPolicy;

  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' })
  timezone: string;

  @ApiProperty({ enum: CLASS_STATUSES })
  status: ClassStatus;

  @ApiProperty()
  requireFinalExam: boolean;

  @ApiProperty({ description: 'Active enrolments now' })
  activeEnrollments: number;

  @ApiProperty({ type: [String], format: 'uuid' })
  instructorIds: string[];

  @ApiProperty({ type: Date, nullable: true })
  openedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  closedAt: Date | null;

  @ApiProperty()
  createdAt: Date;

  static from(c: TrainingClass, activeEnrollments: number, instructorIds: string[]): ClassView {
    return {
      id: c.id,
      courseId: c.courseId,
      orgUnitId: c.orgUnitId,
      code: c.code,
      title: c.title,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      mode: c.mode,
      capacity: c.capacity,
      enrollmentPolicy: c.enrollmentPolicy,
      timezone: c.timezone,
      status: c.status,
      requireFinalExam: c.requireFinalExam,
      activeEnrollments,
      instructorIds,
      openedAt: c.openedAt,
      closedAt: c.closedAt,
      createdAt: c.createdAt,
    };
  }
}

export class BridgePointRequest {
  @ApiProperty({ example: 'Nhà văn hóa thôn Tân Lập' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ example: '0b7c9d2e-4f1a-4c3b-8e5d-6a7b8c9d0e1f', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

/** A session moved or its place changed; the fields left out stay. */
export class UpdateSessionRequest {
  @ApiPropertyOptional({ example: '2026-12-01T13:30:00+07:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional({ example: '2026-12-01T17:00:00+07:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string;

  @ApiPropertyOptional({
    example: 'Hội trường Trung tâm Chính trị phường Minh Xuân',
    type: String,
    nullable: true,
    description: 'null clears it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string | null;
}

export class CreateSessionRequest {
  @ApiProperty({ example: '2026-12-01T07:30:00+07:00' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ example: '2026-12-01T11:00:00+07:00' })
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiProperty({
    example: ['4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b'],
    type: [String],
    format: 'uuid',
    description: 'Lessons of the class’s course taught in it',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  lessonIds: string[];

  @ApiPropertyOptional({ example: 'Hội trường Trung tâm Chính trị phường Minh Xuân' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string;

  @ApiPropertyOptional({ type: [BridgePointRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => BridgePointRequest)
  bridgePoints?: BridgePointRequest[];
}
