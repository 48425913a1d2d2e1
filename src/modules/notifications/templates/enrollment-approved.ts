import { composeEmail, EmailTemplate, param } from './layout';

/** `enrollment.approved`, params `classTitle`, `classCode`. */
export const enrollmentApproved: EmailTemplate = ({ fullName, title, body, params, url }) =>
  composeEmail({
    subject: title,
    fullName,
    heading: title,
    paragraphs: [body],
    details: [
      ['Lớp', param(params, 'classTitle')],
      ['Mã lớp', param(params, 'classCode')],
    ],
    action: { label: 'Xem lớp học', url },
  });
