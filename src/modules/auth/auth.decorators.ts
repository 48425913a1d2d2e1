import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProblemDetails } from '../../common/problem';
import { peopleOnly } from './auth.errors';
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

/** Who is calling, as the guards established it: a person (roles) or a machine client (an API key). */
export interface Principal {
  /** The person; null for an API key. */
  userId: string | null;
  username: string;
  roles: { role: Role; orgUnitId: string | null }[];
  apiKey?: { id: string; scopes: string[]; orgUnitId: string };
}

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest().user,
);

export type Person = Principal & { userId: string };

/** The calling person; an API key gets 403, since the route is about a person's own account. */
export const CurrentPerson = createParamDecorator((_data: unknown, context: ExecutionContext): Person => {
  const principal = context.switchToHttp().getRequest<{ user: Principal }>().user;
  if (!principal.userId) throw peopleOnly();
  return principal as Person;
});
