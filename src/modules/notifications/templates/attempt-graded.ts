import { composeEmail, EmailTemplate, param } from './layout';

/** `attempt.graded`, params `examTitle`, `classTitle`, `score10` (already formatted, e.g. "8,5/10"). */
export const attemptGraded: EmailTemplate = ({ fullName, title, body, params, url }) =>
  composeEmail({
    subject: title,
    fullName,
    heading: title,
    paragraphs: [body],
    details: [
      ['Bài kiểm tra', param(params, 'examTitle')],
      ['Lớp', param(params, 'classTitle')],
      ['Điểm', param(params, 'score10')],
    ],
    action: { label: 'Xem kết quả bài làm', url },
  });
