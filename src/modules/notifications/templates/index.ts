import { publicUrl } from '../../../common/public-url';
import type { LinkType, NotificationKind } from '../notification-kinds';
import { certificateIssued } from './certificate-issued';
import { detailsEmail, EmailMessage, EmailTemplate } from './layout';

export type { EmailMessage } from './layout';

/** One email template per kind: a new kind does not compile without its own. */
export const EMAIL_TEMPLATES: Record<NotificationKind, EmailTemplate> = {
  // Params are formatted by the notifying feature (times in the class's timezone, "8,5/10").
  'session.reminder': detailsEmail(
    [
      ['Lớp', 'classTitle'],
      ['Bắt đầu', 'startsAt'],
    ],
    'Xem buổi học',
  ),
  'exam.closing': detailsEmail(
    [
      ['Bài kiểm tra', 'examTitle'],
      ['Lớp', 'classTitle'],
      ['Đóng lúc', 'closesAt'],
    ],
    'Làm bài kiểm tra',
  ),
  'class.lessons_due': detailsEmail(
    [
      ['Lớp', 'classTitle'],
      ['Kết thúc', 'endsOn'],
    ],
    'Tiếp tục học',
  ),
  'probation.certificate_missing': detailsEmail(
    [
      ['Đảng viên', 'memberName'],
      ['Hết thời gian dự bị', 'probationEndsOn'],
    ],
    'Xem hồ sơ',
  ),
  'certificate.issued': certificateIssued,
  'enrollment.approved': detailsEmail(
    [
      ['Lớp', 'classTitle'],
      ['Mã lớp', 'classCode'],
    ],
    'Xem lớp học',
  ),
  'enrollment.rejected': detailsEmail(
    [
      ['Lớp', 'classTitle'],
      ['Mã lớp', 'classCode'],
    ],
    'Xem yêu cầu ghi danh',
    ['Nếu cần trao đổi thêm, xin liên hệ bộ phận quản lý đào tạo của đơn vị mở lớp.'],
  ),
  'attempt.graded': detailsEmail(
    [
      ['Bài kiểm tra', 'examTitle'],
      ['Lớp', 'classTitle'],
      ['Điểm', 'score10'],
    ],
    'Xem kết quả bài làm',
  ),
  'webhook.disabled': detailsEmail(
    [
      ['Địa chỉ nhận', 'url'],
      ['Lỗi gần nhất', 'lastError'],
    ],
    'Xem webhook',
  ),
};

/** Where the web app under PUBLIC_BASE_URL shows each kind of object. */
const LINK_PATHS: Record<LinkType, string> = {
  class: 'classes',
  session: 'sessions',
  exam: 'exams',
  attempt: 'attempts',
  certificate: 'certificates',
  enrollment: 'enrollments',
  webhook: 'webhooks',
  user: 'users',
};

/** A notification's email to `fullName`, its link made absolute under `publicBaseUrl`. */
export function renderEmail(
  notification: {
    kind: NotificationKind;
    title: string;
    body: string;
    params: Record<string, unknown>;
    linkType: LinkType | null;
    linkId: string | null;
  },
  fullName: string,
  publicBaseUrl: string,
): EmailMessage {
  const { kind, title, body, params, linkType, linkId } = notification;
  const url = linkType && linkId ? publicUrl(publicBaseUrl, `/${LINK_PATHS[linkType]}/${linkId}`) : null;
  return EMAIL_TEMPLATES[kind]({ fullName, title, body, params, url });
}
