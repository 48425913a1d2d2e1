import { HttpStatus } from '@nestjs/common';
import { conflict, ProblemException } from '../../common/problem';

/** 403: `system_admin` is granted by a system admin only. */
export function cannotGrantSystemAdmin(): ProblemException {
  return new ProblemException(HttpStatus.FORBIDDEN, {
    code: 'cannot_grant_system_admin',
    detail: 'Chỉ quản trị hệ thống được cấp vai trò quản trị hệ thống.',
  });
}

/** 409: the same role at the same unit is held once. */
export function roleAlreadyHeld(): ProblemException {
  return conflict('role_already_held', 'Người này đã có vai trò này tại đơn vị này.');
}

/** 409: usernames are unique regardless of case. */
export function usernameTaken(username: string): ProblemException {
  return conflict('username_taken', `Tên đăng nhập "${username}" đã được dùng.`);
}

/** 409: activation codes are handed over once the import is done. */
export function importNotFinished(): ProblemException {
  return new ProblemException(HttpStatus.CONFLICT, {
    code: 'import_not_finished',
    detail: 'Lượt nhập chưa xong; hãy tải mã kích hoạt khi trạng thái là done.',
  });
}

/** 410: the readable codes were erased when they were downloaded. */
export function activationCodesAlreadyDownloaded(): ProblemException {
  return new ProblemException(HttpStatus.GONE, {
    code: 'activation_codes_already_downloaded',
    detail: 'Danh sách mã kích hoạt chỉ tải được một lần và đã được tải.',
  });
}

/** 400: every failed activation looks the same, so it tells nothing about the account. */
export function invalidActivationCode(): ProblemException {
  return new ProblemException(HttpStatus.BAD_REQUEST, {
    code: 'invalid_activation_code',
    detail: 'Tên đăng nhập hoặc mã kích hoạt không đúng, đã dùng hoặc đã hết hạn.',
  });
}
