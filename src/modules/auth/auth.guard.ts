import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { IS_PUBLIC, Principal, REQUIRED_PERMISSION } from './auth.decorators';
import { missingPermission, unauthenticated } from './auth.errors';
import { Permission, rolesGrant, scopesGrant } from './permissions';

/** Default deny: every route needs a valid access token or API key unless marked `@Public()`. */
@Injectable()
export class AuthenticationGuard extends PassportAuthGuard(['jwt', 'api-key']) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  /**
   * A strategy fails (no or bad credentials: 401) or errors: reading the account broke, e.g. the
   * database is down. An error is thrown on as it is (503 then), never turned into a 401 that would
   * make a client log its user out during a database blip.
   */
  override handleRequest<T>(error: unknown, principal: T): T {
    if (error) throw error;
    if (!principal) throw unauthenticated();
    return principal;
  }
}

/** Checks the route's `@Can(permission)` against the caller's roles (the matrix) or API key scopes. */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!permission) return true;
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    const allowed = principal?.apiKey
      ? scopesGrant(principal.apiKey.scopes, permission)
      : !!principal &&
        rolesGrant(
          principal.roles.map((r) => r.role),
          permission,
        );
    if (allowed) return true;
    throw missingPermission(permission);
  }
}
