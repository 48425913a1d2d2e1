import { HttpStatus } from '@nestjs/common';
import { conflict, notFound, ProblemException } from '../../common/problem';
import type { CertificateStatus } from './certificate-content';

export const certificateNotFound = (): ProblemException =>
  notFound('Không tìm thấy giấy chứng nhận hoặc bạn không có quyền xem.');

export const enrollmentNotCompleted = (status: string): ProblemException =>
  conflict(
    'enrollment_not_completed',
    `Ghi danh đang ở trạng thái ${status}: chỉ cấp giấy chứng nhận khi đã hoàn thành.`,
  );

export const certificateNotValid = (status: CertificateStatus): ProblemException =>
  conflict(
    'certificate_not_valid',
    `Giấy chứng nhận đang ở trạng thái ${status}: chỉ thu hồi hoặc cấp lại giấy còn hiệu lực.`,
  );

export const noIssuingSettings = (): ProblemException =>
  conflict(
    'certificate_settings_missing',
    'Đơn vị và các đơn vị cấp trên chưa có thông tin cấp giấy chứng nhận (người ký, nơi cấp): hãy lưu trước.',
  );

export const certificatePending = (): ProblemException =>
  conflict('certificate_pending', 'Giấy chứng nhận đang chờ cấp: đơn vị chưa có thông tin cấp (người ký, nơi cấp).');

export const pdfNotReady = (): ProblemException =>
  new ProblemException(
    HttpStatus.CONFLICT,
    {
      code: 'certificate_pdf_not_ready',
      detail: 'Tệp PDF của giấy chứng nhận đang được tạo; hãy thử lại sau ít giây.',
    },
    { 'retry-after': '5' },
  );

export const tooManyVerifications = (wait: number): ProblemException =>
  new ProblemException(
    HttpStatus.TOO_MANY_REQUESTS,
    { code: 'too_many_verifications', detail: `Tra cứu quá nhiều lần; hãy thử lại sau ${wait} giây.` },
    { 'retry-after': String(wait) },
  );

/** 404 on the public verification of a code that names no certificate. */
export const unknownVerificationCode = (): ProblemException => notFound('Không tìm thấy giấy chứng nhận với mã này.');

/** 404: status lists are numbered from 1. */
export const unknownStatusList = (): ProblemException => notFound('Không có danh sách trạng thái này.');
