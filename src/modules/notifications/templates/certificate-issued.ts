import { composeEmail, EmailTemplate, param } from './layout';

/** `certificate.issued`, params `programName`, `classTitle`, `serial`, `verifyUrl`. */
export const certificateIssued: EmailTemplate = ({ fullName, title, body, params, url }) => {
  const programName = param(params, 'programName');
  return composeEmail({
    subject: programName ? `${title}: ${programName}` : title,
    fullName,
    heading: title,
    paragraphs: [body],
    details: [
      ['Chương trình', programName],
      ['Lớp', param(params, 'classTitle')],
      ['Số hiệu', param(params, 'serial')],
      ['Tra cứu công khai', param(params, 'verifyUrl')],
    ],
    action: { label: 'Xem giấy chứng nhận', url },
  });
};
