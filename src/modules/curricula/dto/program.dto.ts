import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/pagination';
import { Program, PROGRAM_KINDS, ProgramKind } from '../entities/program.entity';

export class CreateProgramRequest {
  @ApiProperty({ example: 'NTVD', description: '2–32 letters, digits or - _ ; unique regardless of case' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/, { message: 'gồm 2–32 chữ không dấu, số, - hoặc _' })
  code: string;

  @ApiProperty({ example: 'Nhận thức về Đảng' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ enum: PROGRAM_KINDS })
  @IsIn(PROGRAM_KINDS)
  kind: ProgramKind;

  @ApiPropertyOptional({ example: 'Bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({
    example: '0b7c9d2e-4f1a-4c3b-8e5d-6a7b8c9d0e1f',
    format: 'uuid',
    description: 'Owning unit; defaults to the unit of your role',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class ListProgramsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROGRAM_KINDS })
  @IsOptional()
  @IsIn(PROGRAM_KINDS)
  kind?: ProgramKind;
}

export class ProgramView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'NTVD' })
  code: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: PROGRAM_KINDS })
  kind: ProgramKind;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  @ApiProperty()
  createdAt: Date;

  static from(program: Program): ProgramView {
    const { id, code, name, kind, description, orgUnitId, createdAt } = program;
    return { id, code, name, kind, description, orgUnitId, createdAt };
  }
}
