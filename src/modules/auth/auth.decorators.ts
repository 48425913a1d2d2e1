import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { missingPermission, peopleOnly, unauthenticated } from './auth.errors';
import type { Permission, Role } from './permissions';

export const IS_PUBLIC = 'lyluan:public';
export const REQUIRED_PERMISSION = 'lyluan:permission';

/** Opts a route out of the default-deny authentication. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The OpenAPI extension naming an operation's permission; openapi.ts spells out who holds it. */
export const PERMISSION_EXTENSION = 'x-permission';

/** A route for any signed-in caller: documents the bearer security and the 401. */
export const SignedIn = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiProblems({ problem: unauthenticated(), when: 'no valid access token or API key' }),
  );

/** Requires a permission of the matrix, and documents the bearer security, 401 and 403 in OpenAPI. */
export const Can = (permission: Permission) =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission),
    SignedIn(),
    ApiExtension(PERMISSION_EXTENSION, permission),
    ApiProblems({ problem: missingPermission(permission), when: `no role or API key scope grants \`${permission}\`` }),
  );

/** For routes that read `@CurrentPerson()`: an API key is refused, the route is about a person. */
export const PEOPLE_ONLY = { problem: peopleOnly(), when: 'called with an API key: this is about a person' };

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
