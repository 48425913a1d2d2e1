import { composeEmail, EmailTemplate, param } from './layout';

/** `enrollment.rejected`, params `classTitle`, `classCode`. */
export const enrollmentRejected: EmailTemplate = ({ fullName, title, body, params, url }) =>
  composeEmail({
    subject: title,
    fullName,
    heading: title,
    paragraphs: [body, 'Nếu cần trao đổi thêm, xin liên hệ bộ phận quản lý đào tạo của đơn vị mở lớp.'],
    details: [
      ['Lớp', param(params, 'classTitle')],
      ['Mã lớp', param(params, 'classCode')],
    ],
    action: { label: 'Xem yêu cầu ghi danh', url },
  });
