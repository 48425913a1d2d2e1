import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../../common/problem';

/** A check readiness reports besides the dependencies: the process itself is past its capacity. */
export const LOAD_CHECK = 'load';

/** 503: a dependency is down or the process is shedding; `checks` says which, for the platform and the operator. */
export function notReady(checks: Record<string, string>): ProblemException {
  const down = Object.keys(checks).filter((name) => name !== LOAD_CHECK && checks[name] !== 'up');
  const reasons = [
    ...(down.length > 0 ? [`Không kết nối được: ${down.join(', ')}.`] : []),
    ...(checks[LOAD_CHECK] === 'overloaded' ? ['Tiến trình đang quá tải, đang từ chối bớt yêu cầu.'] : []),
  ];
  return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, {
    code: 'not_ready',
    title: 'Dịch vụ chưa sẵn sàng',
    detail: reasons.join(' '),
    checks,
  });
}

/** Seconds a shed client is told to wait: shedding is decided again every half second. */
const OVERLOAD_RETRY_AFTER_SECONDS = 2;

/** 503 with Retry-After: the process is past its capacity and did nothing with the request. */
export const overloaded = () =>
  new ProblemException(
    HttpStatus.SERVICE_UNAVAILABLE,
    {
      code: 'overloaded',
      title: 'Hệ thống đang quá tải',
      detail: 'Hệ thống đang quá tải nên chưa xử lý yêu cầu này; xin thử lại sau ít giây.',
    },
    { 'retry-after': String(OVERLOAD_RETRY_AFTER_SECONDS) },
  );
