import { composeEmail, EmailTemplate, param } from './layout';

/** `probation.certificate_missing`, params `memberName`, `probationEndsOn` (already formatted). */
export const probationCertificateMissing: EmailTemplate = ({ fullName, title, body, params, url }) =>
  composeEmail({
    subject: title,
    fullName,
    heading: title,
    paragraphs: [body],
    details: [
      ['Đảng viên', param(params, 'memberName')],
      ['Hết thời gian dự bị', param(params, 'probationEndsOn')],
    ],
    action: { label: 'Xem hồ sơ', url },
  });
