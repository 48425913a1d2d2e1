import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IMPORT_STATUSES, ImportJob, ImportStatus } from './entities/import-job.entity';

export class ImportRowErrorView {
  @ApiProperty({ description: 'Line of the file; the header is line 1' })
  row: number;

  @ApiProperty()
  message: string;
}

export class ImportAccepted {
  @ApiProperty({ format: 'uuid' })
  importId: string;
}

export class ImportView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'users' })
  kind: string;

  @ApiProperty({ enum: IMPORT_STATUSES })
  status: ImportStatus;

  @ApiProperty()
  filename: string;

  @ApiProperty({ description: 'Data rows in the file' })
  total: number;

  @ApiProperty()
  processed: number;

  @ApiProperty({ description: 'Rows applied: created, or matching what was already there' })
  succeeded: number;

  @ApiProperty({ description: 'Rows that created something new' })
  created: number;

  @ApiProperty()
  failed: number;

  @ApiProperty({ type: [ImportRowErrorView] })
  errors: ImportRowErrorView[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;

  static from(job: ImportJob): ImportView {
    return {
      id: job.id,
      kind: job.kind,
      status: job.status,
      filename: job.filename,
      total: job.total,
      processed: job.processed,
      succeeded: job.succeeded,
      created: job.created,
      failed: job.failed,
      errors: job.errors,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
    };
  }
}

/** Query of an import upload. */
export class ImportFileQuery {
  @ApiPropertyOptional({
    description: 'XLSX: the sheet to read, by name (case and diacritics aside); the first sheet when absent',
    example: 'Người học',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(31)
  sheet?: string;
}
