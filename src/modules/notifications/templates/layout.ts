import { escapeHtml } from '../../../common/html';

/** What every kind's template is given: the stored notification and its recipient. */
export interface EmailInput {
  fullName: string;
  title: string;
  body: string;
  params: Record<string, unknown>;
  /** The page of the object the notification is about, when it has one. */
  url: string | null;
}

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

export type EmailTemplate = (input: EmailInput) => EmailMessage;

/** A kind's email as plain text pieces; `composeEmail` lays them out and escapes them for HTML. */
export interface EmailContent {
  subject: string;
  fullName: string;
  heading: string;
  paragraphs: string[];
  /** Label and value lines under the text (a serial, a score); empty values are left out. */
  details?: [string, string | undefined][];
  action?: { label: string; url: string | null };
}

/** A string parameter of the notification, or undefined when it is missing or not a string. */
export const param = (params: Record<string, unknown>, key: string): string | undefined =>
  typeof params[key] === 'string' && params[key] !== '' ? (params[key] as string) : undefined;

/**
 * The usual email of a kind: its title as subject and heading, its text (and `more` paragraphs),
 * the `details` read from the notification's params (label and param key), and a button to the object.
 */
export function detailsEmail(
  details: [label: string, key: string][],
  actionLabel: string,
  more: string[] = [],
): EmailTemplate {
  return ({ fullName, title, body, params, url }) =>
    composeEmail({
      subject: title,
      fullName,
      heading: title,
      paragraphs: [body, ...more],
      details: details.map(([label, key]) => [label, param(params, key)]),
      action: { label: actionLabel, url },
    });
}

const FOOTER =
  'Thư này được gửi tự động, xin đừng trả lời. Bạn có thể tắt email cho từng loại thông báo trong mục Cài đặt thông báo.';

/** The one layout of every notification email: a text part and a small inline-styled HTML part. */
export function composeEmail(content: EmailContent): EmailMessage {
  const details = (content.details ?? []).filter((d): d is [string, string] => !!d[1]);
  const action = content.action?.url ? { label: content.action.label, url: content.action.url } : null;
  const text = [
    `Kính gửi ${content.fullName},`,
    content.heading,
    ...content.paragraphs,
    ...(details.length ? [details.map(([label, value]) => `${label}: ${value}`).join('\n')] : []),
    ...(action ? [`${action.label}: ${action.url}`] : []),
    `--\n${FOOTER}`,
  ].join('\n\n');
  const e = escapeHtml;
  const html = [
    '<!DOCTYPE html>',
    '<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${e(content.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f4f4f5;font-family:Arial,Helvetica,sans-serif;color:#1f2937">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-top:4px solid #b91c1c;padding:24px">',
    `<p style="margin:0 0 16px">Kính gửi ${e(content.fullName)},</p>`,
    `<h1 style="margin:0 0 16px;font-size:20px;color:#b91c1c">${e(content.heading)}</h1>`,
    ...content.paragraphs.map((p) => `<p style="margin:0 0 12px;line-height:1.5">${e(p)}</p>`),
    ...(details.length
      ? [
          '<table style="margin:8px 0 16px;border-collapse:collapse">',
          ...details.map(
            ([label, value]) =>
              `<tr><td style="padding:2px 12px 2px 0;color:#6b7280">${e(label)}</td><td style="padding:2px 0"><strong>${e(value)}</strong></td></tr>`,
          ),
          '</table>',
        ]
      : []),
    ...(action
      ? [
          `<p style="margin:16px 0"><a href="${e(action.url)}" style="display:inline-block;padding:10px 16px;background:#b91c1c;color:#ffffff;text-decoration:none;border-radius:4px">${e(action.label)}</a></p>`,
        ]
      : []),
    `<p style="margin:24px 0 0;font-size:12px;color:#6b7280">${e(FOOTER)}</p>`,
    '</div></body></html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}
