import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../../common/problem';
import type { Permission } from './permissions';
import type { RefreshVerdict } from './refresh-token.rules';

/** 401: no valid access token or API key on a route that needs one. */
export function unauthenticated(): ProblemException {
  return new ProblemException(HttpStatus.UNAUTHORIZED, {
    code: 'unauthenticated',
    detail: 'Thiếu hoặc sai mã truy cập (access token hoặc X-Api-Key); hãy đăng nhập lại.',
  });
}

/** 403: the caller's roles or key scopes do not grant the route's permission. */
export function missingPermission(permission: Permission): ProblemException {
  return new ProblemException(HttpStatus.FORBIDDEN, {
    code: 'forbidden',
    detail: `Bạn không có quyền thực hiện thao tác này (cần quyền ${permission}).`,
  });
}

/** 403: a route about a person's own account, called with an API key. */
export function peopleOnly(): ProblemException {
  return new ProblemException(HttpStatus.FORBIDDEN, {
    code: 'people_only',
    detail: 'Thao tác này dành cho người dùng đăng nhập, không dành cho khóa API.',
  });
}

/** 429 with Retry-After: the login throttle holds this username or address. */
export function tooManyLoginAttempts(wait: number): ProblemException {
  return new ProblemException(
    HttpStatus.TOO_MANY_REQUESTS,
    {
      code: 'too_many_login_attempts',
      detail: `Đăng nhập sai quá nhiều lần; hãy thử lại sau ${wait} giây.`,
    },
    { 'retry-after': String(wait) },
  );
}

/** 401: an unknown username and a wrong password look the same. */
export function invalidCredentials(): ProblemException {
  return new ProblemException(HttpStatus.UNAUTHORIZED, {
    code: 'invalid_credentials',
    detail: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  });
}

const REFRESH_REFUSALS: Record<Exclude<RefreshVerdict, 'valid'>, { code: string; detail: string }> = {
  invalid: {
    code: 'invalid_refresh_token',
    detail: 'Mã làm mới (refresh token) không hợp lệ, đã hết hạn hoặc đã bị thu hồi; hãy đăng nhập lại.',
  },
  reused_recently: {
    code: 'refresh_token_reused_recently',
    detail: 'Mã làm mới (refresh token) này vừa được dùng để cấp mã mới; hãy dùng mã mới nhất hoặc đăng nhập lại.',
  },
  reused: {
    code: 'refresh_token_reused',
    detail:
      'Mã làm mới (refresh token) này đã được dùng trước đó; để an toàn, phiên đăng nhập của nó đã bị thu hồi. Hãy đăng nhập lại.',
  },
};

/** 401: why a refresh token was not exchanged. */
export function refreshRefused(verdict: Exclude<RefreshVerdict, 'valid'>): ProblemException {
  return new ProblemException(HttpStatus.UNAUTHORIZED, REFRESH_REFUSALS[verdict]);
}
