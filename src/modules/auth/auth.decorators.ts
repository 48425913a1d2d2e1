import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProblemDetails } from '../../common/problem';
import type { Permission, Role } from './permissions';

export const IS_PUBLIC = 'lyluan:public';
export const REQUIRED_PERMISSION = 'lyluan:permission';

/** Opts a route out of the default-deny authentication. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Requires a permission of the matrix, and documents the bearer security in OpenAPI. */
export const Can = (permission: Permission) =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ProblemDetails, description: 'Chưa xác thực' }),
    ApiForbiddenResponse({ type: ProblemDetails, description: `Thiếu quyền ${permission}` }),
  );

/** Who is calling, as the guards established it. */
export interface Principal {
  userId: string;
  username: string;
  roles: { role: Role; orgUnitId: string | null }[];
}

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest().user,
);
