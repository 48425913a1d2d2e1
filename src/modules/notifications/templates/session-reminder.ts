import { composeEmail, EmailTemplate, param } from './layout';

/** `session.reminder`, params `classTitle`, `startsAt` (already formatted in the class's timezone). */
export const sessionReminder: EmailTemplate = ({ fullName, title, body, params, url }) =>
  composeEmail({
    subject: title,
    fullName,
    heading: title,
    paragraphs: [body],
    details: [
      ['Lớp', param(params, 'classTitle')],
      ['Bắt đầu', param(params, 'startsAt')],
    ],
    action: { label: 'Xem buổi học', url },
  });
