import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../../common/problem';

/** 503: a dependency is down; `checks` says which, so the platform and the operator see the same. */
export function notReady(checks: Record<string, string>): ProblemException {
  const down = Object.keys(checks).filter((name) => checks[name] !== 'up');
  return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, {
    code: 'not_ready',
    title: 'Dịch vụ chưa sẵn sàng',
    detail: `Không kết nối được: ${down.join(', ')}.`,
    checks,
  });
}
