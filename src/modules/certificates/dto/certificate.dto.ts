import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  ValidationArguments,
} from 'class-validator';
import { CLASSIFICATIONS, Classification } from '../../enrollments/completion';
import { CERTIFICATE_STATUSES, CertificateStatus } from '../certificate-content';
import { DEFAULT_SERIAL_PATTERN, serialPatternProblem } from '../serial-pattern';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().normalize('NFC') : value);

@ValidatorConstraint({ name: 'serialPattern' })
class SerialPatternConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && serialPatternProblem(value) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return typeof args.value === 'string' ? serialPatternProblem(args.value)! : 'phải là chuỗi';
  }
}

export class CertificateSettingsRequest {
  @ApiProperty({ example: 'Trần Văn Hùng', description: 'Who signs: the director, or an authorised deputy' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  signerName: string;

  @ApiProperty({ example: 'PHÓ GIÁM ĐỐC', description: '"GIÁM ĐỐC", or "PHÓ GIÁM ĐỐC" for a deputy' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  signerTitle: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'KT. GIÁM ĐỐC',
    description: 'Printed above the title when a deputy signs on the director’s behalf',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  signerAuthority?: string | null;

  @ApiProperty({ example: 'Bắc Ninh', description: 'The place in the place-and-date line' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  place: string;

  @ApiProperty({
    type: [String],
    example: ['TỈNH ỦY BẮC NINH', 'TRƯỜNG CHÍNH TRỊ NGUYỄN VĂN CỪ'],
    description: 'The issuing body, top left, one entry per line',
  })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((line) => trimmed({ value: line })) : value))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(120, { each: true })
  headerLines: string[];

  @ApiPropertyOptional({
    example: '{unitCode}/{year}/{seq:000000}',
    default: DEFAULT_SERIAL_PATTERN,
    description: '{unitCode}, {year} and {seq} or {seq:000000}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  @Validate(SerialPatternConstraint)
  serialPattern?: string;
}

export class CertificateSettingsView {
  @ApiProperty({ format: 'uuid', description: 'The unit asked about' })
  orgUnitId: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The unit whose settings apply: itself or its nearest ancestor with settings',
  })
  inheritedFromOrgUnitId: string;

  @ApiProperty()
  signerName: string;

  @ApiProperty()
  signerTitle: string;

  @ApiProperty({ type: String, nullable: true })
  signerAuthority: string | null;

  @ApiProperty()
  place: string;

  @ApiProperty({ type: [String] })
  headerLines: string[];

  @ApiProperty()
  serialPattern: string;

  @ApiProperty()
  updatedAt: Date;
}

export class ReasonRequest {
  @ApiProperty({ example: 'Sai ngày sinh của học viên', description: 'Why, kept in the audit log' })
  @Transform(trimmed)
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

class CertificateLearner {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  dateOfBirth: string | null;
}

class CertificateProgram {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  code: string;

  @ApiProperty()
  name: string;
}

class CertificateClass {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  code: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ format: 'date' })
  startsOn: string;

  @ApiProperty({ format: 'date' })
  endsOn: string;
}

class CertificateIssuer {
  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  @ApiProperty()
  code: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: [String], description: 'Empty while pending' })
  headerLines: string[];
}

class CertificateSigner {
  @ApiProperty()
  name: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: String, nullable: true })
  authority: string | null;
}

/** A certificate as its holder and the school see it; a pending one shows the live names. */
export class CertificateView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, description: 'Null while pending' })
  serial: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Null while pending' })
  verificationCode: string | null;

  @ApiProperty({ enum: CERTIFICATE_STATUSES })
  status: CertificateStatus;

  @ApiProperty({ format: 'uuid' })
  enrollmentId: string;

  @ApiProperty({ type: CertificateLearner })
  learner: CertificateLearner;

  @ApiProperty({ type: CertificateProgram })
  program: CertificateProgram;

  @ApiProperty({ type: CertificateClass })
  class: CertificateClass;

  @ApiProperty({ enum: CLASSIFICATIONS, nullable: true })
  classification: Classification | null;

  @ApiProperty({ type: String, nullable: true, description: 'The printed classification' })
  classificationLabel: string | null;

  @ApiProperty({ type: Number, nullable: true })
  finalScore: number | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  issuedAt: Date | null;

  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'In the class’s timezone' })
  issuedOn: string | null;

  @ApiProperty({ type: String, nullable: true })
  place: string | null;

  @ApiProperty({ type: CertificateIssuer })
  issuer: CertificateIssuer;

  @ApiProperty({ type: CertificateSigner, nullable: true })
  signer: CertificateSigner | null;

  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the canonical JSON of the printed content' })
  contentHash: string | null;

  @ApiProperty({ type: String, nullable: true })
  verifyUrl: string | null;

  @ApiProperty({ description: 'The PDF is stored and can be downloaded' })
  pdfReady: boolean;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The certificate this one replaced' })
  replacesId: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  revokedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  revocationReason: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  supersededAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  supersededReason: string | null;
}
