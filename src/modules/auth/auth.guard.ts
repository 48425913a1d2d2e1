import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { ProblemException } from '../../common/problem';
import { IS_PUBLIC, Principal, REQUIRED_PERMISSION } from './auth.decorators';
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

  override handleRequest<T>(error: unknown, principal: T): T {
    if (error || !principal) {
      throw new ProblemException(HttpStatus.UNAUTHORIZED, {
        code: 'unauthenticated',
        detail: 'Thiếu hoặc sai mã truy cập (access token hoặc X-Api-Key); hãy đăng nhập lại.',
      });
    }
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
    throw new ProblemException(HttpStatus.FORBIDDEN, {
      code: 'forbidden',
      detail: `Bạn không có quyền thực hiện thao tác này (cần quyền ${permission}).`,
    });
  }
}
