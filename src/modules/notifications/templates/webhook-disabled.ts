import { composeEmail, EmailTemplate, param } from './layout';

/** `webhook.disabled`, params `url` (the webhook's target), `lastError`. */
export const webhookDisabled: EmailTemplate = ({ fullName, title, body, params, url }) =>
  composeEmail({
    subject: title,
    fullName,
    heading: title,
    paragraphs: [body],
    details: [
      ['Địa chỉ nhận', param(params, 'url')],
      ['Lỗi gần nhất', param(params, 'lastError')],
    ],
    action: { label: 'Xem webhook', url },
  });
