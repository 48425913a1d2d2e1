import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'lyluan-admin-2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password: string;
}

export class RoleView {
  @ApiProperty({ enum: ['system_admin', 'school_admin', 'instructor', 'learner', 'stats_viewer'] })
  role: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orgUnitId: string | null;
}

export class MeResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  username: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ type: [RoleView] })
  roles: RoleView[];
}
