import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../common/pagination';
import { IsCalendarDay } from '../../../common/validators';
import { ROLES, Role } from '../../auth/permissions';
import { RoleAssignment } from '../entities/role-assignment.entity';
import { PARTY_STATUSES, PartyStatus, User } from '../entities/user.entity';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;
const PHONE = /^\+?[0-9 .-]{8,20}$/;

/** Fields a school admin sets on a person, on creation, update and import. */
export class PersonFields {
  @ApiPropertyOptional({ example: 'nguyen.van.a@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'phải là địa chỉ email' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ example: '0912 345 678' })
  @IsOptional()
  @Matches(PHONE, { message: 'phải là số điện thoại (8–20 chữ số)' })
  phone?: string | null;

  @ApiPropertyOptional({ format: 'date', example: '1990-05-19' })
  @IsOptional()
  @IsCalendarDay()
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ enum: PARTY_STATUSES, default: 'none' })
  @IsOptional()
  @IsIn(PARTY_STATUSES)
  partyStatus?: PartyStatus;

  @ApiPropertyOptional({
    example: '2025-05-19',
    format: 'date',
    description: 'Required for probationary and full members',
  })
  @IsOptional()
  @IsCalendarDay()
  partyAdmissionDate?: string | null;
}

/** Who a person is: what every new person has, whether created one by one or imported. */
export class NewPersonFields extends PersonFields {
  @ApiProperty({ example: 'nguyenvana', description: '3–64 letters, digits, . _ @ -; unique regardless of case' })
  @Matches(USERNAME, { message: 'gồm 3–64 chữ không dấu, số hoặc . _ @ -' })
  username: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName: string;
}

export class CreateUserRequest extends NewPersonFields {
  @ApiPropertyOptional({
    example: 'mat-khau-tam-2026',
    description: 'Without one, the person activates the account later',
  })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password?: string;

  @ApiProperty({ example: '0b7c9d2e-4f1a-4c3b-8e5d-6a7b8c9d0e1f', format: 'uuid' })
  @IsUUID()
  orgUnitId: string;
}

export class UpdateUserRequest extends PersonFields {
  @ApiPropertyOptional({ example: 'Nguyễn Thị Lan' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({
    example: '0b7c9d2e-4f1a-4c3b-8e5d-6a7b8c9d0e1f',
    format: 'uuid',
    description: 'Move the person to another unit in your scope',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class PasswordChange {
  @ApiProperty({ example: 'lyluan-demo-2026' })
  @IsString()
  @IsNotEmpty()
  current: string;

  @ApiProperty({ example: 'mat-khau-moi-2026' })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  new: string;
}

/** What people may change about themselves: never their roles or unit (those fields are refused). */
export class UpdateMeRequest extends PickType(UpdateUserRequest, ['fullName', 'email', 'phone'] as const) {
  @ApiPropertyOptional({ type: PasswordChange })
  @IsOptional()
  @ValidateNested()
  @Type(() => PasswordChange)
  password?: PasswordChange;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'People of this unit and its subtree' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ description: 'Name or username, with or without diacritics' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class GrantRoleRequest {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    example: '0b7c9d2e-4f1a-4c3b-8e5d-6a7b8c9d0e1f',
    format: 'uuid',
    nullable: true,
    description: 'Required except for system_admin',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;
}

export class RoleAssignmentView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orgUnitId: string | null;

  static from(assignment: RoleAssignment): RoleAssignmentView {
    return { id: assignment.id, role: assignment.role, orgUnitId: assignment.orgUnitId };
  }
}

export class UserView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  username: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  dateOfBirth: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orgUnitId: string | null;

  @ApiProperty({ enum: PARTY_STATUSES })
  partyStatus: PartyStatus;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  partyAdmissionDate: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Probationary members: admission + 12 months',
  })
  probationEndsOn: string | null;

  @ApiProperty({ description: 'False until the person has set a password (activation)' })
  activated: boolean;

  @ApiProperty({ type: [RoleAssignmentView] })
  roles: RoleAssignmentView[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static from(user: User, activated: boolean): UserView {
    return {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      email: user.email,
      phone: user.phone,
      dateOfBirth: user.dateOfBirth,
      orgUnitId: user.orgUnitId,
      partyStatus: user.partyStatus,
      partyAdmissionDate: user.partyAdmissionDate,
      probationEndsOn: probationEnd(user),
      activated,
      roles: (user.roles ?? []).map(RoleAssignmentView.from),
      createdAt: user.createdAt.toISOString(),
    };
  }
}

/** Probation lasts 12 months from admission (Điều lệ Đảng); only probationary members have an end. */
export function probationEnd(user: Pick<User, 'partyStatus' | 'partyAdmissionDate'>): string | null {
  if (user.partyStatus !== 'probationary' || !user.partyAdmissionDate) return null;
  const [year, month, day] = user.partyAdmissionDate.split('-').map(Number);
  const end = new Date(Date.UTC(year + 1, month - 1, day));
  // 29 February + 1 year has no twin: the probation ends on 28 February.
  if (end.getUTCMonth() !== month - 1) end.setUTCDate(0);
  return end.toISOString().slice(0, 10);
}
