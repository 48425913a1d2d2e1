import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../../common/pagination';
import { CERTIFICATE_STATUSES } from '../../certificates/certificate-content';
import type { CertificateStatus } from '../../certificates/certificate-content';
import { CLASSIFICATIONS } from '../../enrollments/completion';
import type { Classification } from '../../enrollments/completion';
import { ENROLLMENT_STATUSES } from '../../enrollments/enrollments.service';
import type { EnrollmentStatus } from '../../enrollments/enrollments.service';

export class EnrollmentChangesQuery extends PageQuery {
  @ApiProperty({ format: 'uuid', description: 'Enrolments of the classes under this unit (merged units included)' })
  @IsUUID()
  orgUnitId: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'A first read: start at enrolments changed at or after this time. Ignored with a cursor.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedSince?: string;
}

export class FeedLearnerView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  username: string;

  @ApiProperty()
  fullName: string;
}

export class FeedCertificateView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, description: 'Null while pending' })
  serial: string | null;

  @ApiProperty({ enum: CERTIFICATE_STATUSES })
  status: CertificateStatus;

  @ApiProperty({ type: Date, nullable: true })
  issuedAt: Date | null;
}

export class EnrollmentChangeView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  classId: string;

  @ApiProperty()
  classCode: string;

  @ApiProperty({ format: 'uuid', description: 'The class’s unit' })
  orgUnitId: string;

  @ApiProperty({ format: 'uuid' })
  programId: string;

  @ApiProperty({ type: FeedLearnerView })
  learner: FeedLearnerView;

  @ApiProperty({ enum: ENROLLMENT_STATUSES })
  status: EnrollmentStatus;

  @ApiProperty({ enum: CLASSIFICATIONS, nullable: true })
  classification: Classification | null;

  @ApiProperty({ type: Number, nullable: true })
  finalScore: number | null;

  @ApiProperty({ type: Number, nullable: true })
  attendanceRate: number | null;

  @ApiProperty({ type: Date, nullable: true })
  completedAt: Date | null;

  @ApiProperty({
    type: FeedCertificateView,
    nullable: true,
    description: 'The current certificate (not superseded), if any',
  })
  certificate: FeedCertificateView | null;

  @ApiProperty()
  updatedAt: Date;
}

export class EnrollmentChangesView {
  @ApiProperty({ type: [EnrollmentChangeView], description: 'In commit order; each change of a row once' })
  items: EnrollmentChangeView[];

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Where to resume: after this page, or the cursor sent when nothing new has committed; null only while ' +
      'nothing at all was handed out. Keep it and poll with it.',
  })
  nextCursor: string | null;

  @ApiProperty({ description: 'More changes are ready now: ask again at once' })
  hasMore: boolean;
}
