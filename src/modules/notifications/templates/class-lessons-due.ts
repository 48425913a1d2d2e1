import { composeEmail, EmailTemplate, param } from './layout';

/** `class.lessons_due`, params `classTitle`, `endsOn` (already formatted). */
export const classLessonsDue: EmailTemplate = ({ fullName, title, body, params, url }) =>
  composeEmail({
    subject: title,
    fullName,
    heading: title,
    paragraphs: [body],
    details: [
      ['Lớp', param(params, 'classTitle')],
      ['Kết thúc', param(params, 'endsOn')],
    ],
    action: { label: 'Tiếp tục học', url },
  });
