import { composeEmail, EmailTemplate, param } from './layout';

/** `exam.closing`, params `examTitle`, `classTitle`, `closesAt` (already formatted). */
export const examClosing: EmailTemplate = ({ fullName, title, body, params, url }) =>
  composeEmail({
    subject: title,
    fullName,
    heading: title,
    paragraphs: [body],
    details: [
      ['Bài kiểm tra', param(params, 'examTitle')],
      ['Lớp', param(params, 'classTitle')],
      ['Đóng lúc', param(params, 'closesAt')],
    ],
    action: { label: 'Làm bài kiểm tra', url },
  });
