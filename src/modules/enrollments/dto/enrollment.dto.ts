import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../../common/pagination';
import { CLASSIFICATIONS, Classification } from '../completion';
import { Enrollment, ENROLLMENT_STATUSES, EnrollmentStatus } from '../entities/enrollment.entity';

export class EnrollUserRequest {
  @ApiProperty({ example: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', format: 'uuid' })
  @IsUUID()
  userId: string;
}

export class UpdateEnrollmentRequest {
  @ApiProperty({ enum: ['withdrawn'], description: 'A learner or an admin withdraws an active or pending enrolment' })
  @IsIn(['withdrawn'])
  status: 'withdrawn';
}

export class ListEnrollmentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ENROLLMENT_STATUSES })
  @IsOptional()
  @IsIn(ENROLLMENT_STATUSES)
  status?: EnrollmentStatus;
}

export class ProgressView {
  @ApiProperty()
  lessonsCompleted: number;

  @ApiProperty()
  lessonsTotal: number;

  @ApiProperty()
  mandatoryLessonsCompleted: number;

  @ApiProperty()
  mandatoryLessonsTotal: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Attended ÷ sessions held so far (excused left out)' })
  attendanceRate: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '10-point scale' })
  finalScore: number | null;

  @ApiProperty({ enum: CLASSIFICATIONS, nullable: true })
  classification: Classification | null;

  @ApiProperty({ enum: ENROLLMENT_STATUSES })
  status: EnrollmentStatus;

  @ApiProperty({ type: Date, nullable: true })
  completedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true, description: 'When the summary was last brought up to date' })
  summaryUpdatedAt: Date | null;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Lessons the learner marked complete' })
  completedLessonIds: string[];

  static from(e: Enrollment, completedLessonIds: string[]): ProgressView {
    return {
      lessonsCompleted: e.lessonsCompleted,
      lessonsTotal: e.lessonsTotal,
      mandatoryLessonsCompleted: e.mandatoryLessonsCompleted,
      mandatoryLessonsTotal: e.mandatoryLessonsTotal,
      attendanceRate: e.attendanceRate,
      finalScore: e.finalScore,
      classification: e.classification,
      status: e.status,
      completedAt: e.completedAt,
      summaryUpdatedAt: e.summaryUpdatedAt,
      completedLessonIds,
    };
  }
}

export class EnrollmentView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  classId: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty()
  username: string;

  @ApiProperty({ enum: ENROLLMENT_STATUSES })
  status: EnrollmentStatus;

  @ApiProperty({ enum: ['admin', 'self', 'import'] })
  source: Enrollment['source'];

  @ApiProperty({ type: Number, nullable: true })
  attendanceRate: number | null;

  @ApiProperty({ type: Number, nullable: true })
  finalScore: number | null;

  @ApiProperty({ enum: CLASSIFICATIONS, nullable: true })
  classification: Classification | null;

  @ApiProperty()
  lessonsCompleted: number;

  @ApiProperty()
  lessonsTotal: number;

  @ApiProperty({ type: Date, nullable: true })
  completedAt: Date | null;

  @ApiProperty()
  createdAt: Date;
}

export class MyEnrollmentView extends EnrollmentView {
  @ApiProperty()
  classCode: string;

  @ApiProperty()
  classTitle: string;

  @ApiProperty({ format: 'date' })
  startsOn: string;

  @ApiProperty({ format: 'date' })
  endsOn: string;

  @ApiProperty({ format: 'uuid' })
  courseId: string;
}
