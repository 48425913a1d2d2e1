import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/pagination';
import { AuditLogEntry } from '../entities/audit-log-entry.entity';

export class ListAuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'auth.login.failed' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ description: 'Id of the object acted on (a user, a key, a unit…)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  targetId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditLogEntryView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ example: 'auth.login.succeeded' })
  action: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorUserId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorApiKeyId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'user' })
  targetType: string | null;

  @ApiProperty({ type: String, nullable: true })
  targetId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orgUnitId: string | null;

  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' })
  ip: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details: Record<string, unknown>;

  static from(entry: AuditLogEntry): AuditLogEntryView {
    return {
      id: entry.id,
      occurredAt: entry.occurredAt.toISOString(),
      action: entry.action,
      actorUserId: entry.actorUserId,
      actorApiKeyId: entry.actorApiKeyId,
      targetType: entry.targetType,
      targetId: entry.targetId,
      orgUnitId: entry.orgUnitId,
      ip: entry.ip,
      details: entry.details,
    };
  }
}
