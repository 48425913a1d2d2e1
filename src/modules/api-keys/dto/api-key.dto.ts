import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { API_KEY_SCOPES, ApiKeyScope } from '../../auth/permissions';
import { ApiKey } from '../entities/api-key.entity';

const SCOPES = Object.keys(API_KEY_SCOPES) as ApiKeyScope[];

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'Hệ thống thống kê Trường Chính trị tỉnh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: '0b7c9d2e-4f1a-4c3b-8e5d-6a7b8c9d0e1f',
    format: 'uuid',
    description: 'The key sees this unit and its subtree',
  })
  @IsUUID()
  orgUnitId: string;

  @ApiProperty({ enum: SCOPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  scopes: ApiKeyScope[];
}

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'lyl_3fa85f64a1b2', description: 'The visible start of the key' })
  prefix: string;

  @ApiProperty({ enum: SCOPES, isArray: true })
  scopes: string[];

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static from(key: ApiKey): ApiKeyView {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: key.scopes,
      orgUnitId: key.orgUnitId,
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
      createdAt: key.createdAt.toISOString(),
    };
  }
}

export class CreatedApiKey extends ApiKeyView {
  @ApiProperty({ description: 'The whole key, shown this once; send it as X-Api-Key' })
  key: string;
}
