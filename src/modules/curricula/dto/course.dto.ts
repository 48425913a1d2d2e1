import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/pagination';
import type { ClassMode } from '../../classes/classes.service';
import { COMPLETION_RULE_MODES, type CompletionRule, type GradingScale } from '../course-settings';
import { COURSE_STATUSES, CourseStatus } from '../entities/course.entity';
import { LessonView } from './lesson.dto';

/** A course version label; packages are checked against the same rule. */
export const COURSE_VERSION = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}$/u;
export const COURSE_VERSION_MESSAGE = 'gồm 1–40 chữ, số, khoảng trắng hoặc . _ -';

export class CompletionRuleView implements CompletionRule {
  @ApiProperty({ example: 0.8, minimum: 0, maximum: 1 })
  minAttendanceRate: number;

  @ApiProperty({ example: true })
  requireMandatoryLessons: boolean;

  @ApiProperty({
    enum: COMPLETION_RULE_MODES,
    isArray: true,
    example: ['online', 'hybrid'],
    description: 'Class modes where learners mark lessons complete, so `requireMandatoryLessons` applies',
  })
  lessonTrackingModes: ClassMode[];

  @ApiProperty({ example: true })
  requireFinalExam: boolean;

  @ApiProperty({ example: 5.0, minimum: 0, maximum: 10 })
  passMark: number;
}

export class GradingScaleView implements GradingScale {
  @ApiProperty({ example: 9, description: 'xuất sắc from' })
  xuat_sac: number;

  @ApiProperty({ example: 8, description: 'giỏi from' })
  gioi: number;

  @ApiProperty({ example: 7, description: 'khá from' })
  kha: number;

  @ApiProperty({ example: 5, description: 'trung bình from; below is không đạt' })
  trung_binh: number;
}

/** Fields of a course that a draft may change. */
class CourseFields {
  @ApiPropertyOptional({ type: CompletionRuleView, description: 'Fields left out keep their current value' })
  @IsOptional()
  @IsObject()
  completionRule?: Record<string, unknown>;

  @ApiPropertyOptional({ type: GradingScaleView, description: 'Fields left out keep their current value' })
  @IsOptional()
  @IsObject()
  gradingScale?: Record<string, unknown>;

  @ApiPropertyOptional({
    example: 'Chương trình 2022 theo Hướng dẫn của Ban Tuyên giáo Trung ương',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class CreateCourseRequest extends CourseFields {
  @ApiProperty({ example: '9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b', format: 'uuid' })
  @IsUUID()
  programId: string;

  @ApiProperty({ example: 'Bồi dưỡng nhận thức về Đảng' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: '2022', description: 'Unique per programme and owning unit' })
  @Matches(COURSE_VERSION, { message: COURSE_VERSION_MESSAGE })
  version: string;

  @ApiPropertyOptional({
    example: '0b7c9d2e-4f1a-4c3b-8e5d-6a7b8c9d0e1f',
    format: 'uuid',
    description: 'Owning unit; defaults to the unit of your role',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class UpdateCourseRequest extends CourseFields {
  @ApiPropertyOptional({ example: 'Bồi dưỡng nhận thức về Đảng' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: '2022' })
  @IsOptional()
  @Matches(COURSE_VERSION, { message: COURSE_VERSION_MESSAGE })
  version?: string;
}

export class NewVersionRequest {
  @ApiPropertyOptional({
    example: '2026',
    description: 'Version label of the new draft; by default the next free "<version>-rN"',
  })
  @IsOptional()
  @Matches(COURSE_VERSION, { message: COURSE_VERSION_MESSAGE })
  version?: string;
}

export class ListCoursesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  programId?: string;

  @ApiPropertyOptional({ enum: COURSE_STATUSES })
  @IsOptional()
  @IsIn(COURSE_STATUSES)
  status?: CourseStatus;
}

export class ImportPackageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Owning unit; defaults to the unit of your role' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class CourseView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  programId: string;

  @ApiProperty({ example: 'NTVD' })
  programCode: string;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ example: '2022' })
  version: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ enum: COURSE_STATUSES })
  status: CourseStatus;

  @ApiProperty({ type: CompletionRuleView })
  completionRule: CompletionRule;

  @ApiProperty({ type: GradingScaleView })
  gradingScale: GradingScale;

  @ApiProperty({ description: 'Sum of the lessons’ periods' })
  totalPeriods: number;

  @ApiProperty()
  lessonCount: number;

  @ApiProperty()
  questionCount: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  previousVersionId: string | null;

  @ApiProperty({ type: Date, nullable: true })
  publishedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  archivedAt: Date | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  @ApiPropertyOptional({ type: [LessonView], description: 'In order; on GET /courses/{id}' })
  lessons?: LessonView[];
}
