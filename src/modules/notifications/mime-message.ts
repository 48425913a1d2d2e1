import addressparser from 'nodemailer/lib/addressparser';
import { encodeWord, encodeWords, foldLines, quoteString } from 'nodemailer/lib/mime-funcs';

export interface Mailbox {
  name: string;
  address: string;
}

/** One notification's email, ready to be written as an RFC 5322 message. */
export interface MimeMessageInput {
  from: Mailbox;
  to: Mailbox;
  subject: string;
  text: string;
  html: string;
  /** `<id@domain>`, stable per notification: a message sent twice carries the same id. */
  messageId: string;
  date: Date;
}

/** The Message-ID of a notification's email: its id at the sender's domain. */
export const messageIdOf = (notificationId: string, from: Mailbox): string =>
  `<${notificationId}@${from.address.split('@')[1]}>`;

/** The one mailbox of MAIL_FROM (`"Name" <address>` or a bare address); throws when it is not one. */
export function parseMailbox(value: string): Mailbox {
  const found = addressparser(value, { flatten: true });
  if (found.length !== 1 || !found[0].address?.includes('@')) throw new Error(`not one email address: ${value}`);
  return { name: found[0].name ?? '', address: found[0].address };
}

/** An address cannot carry line breaks or brackets into the header or the SMTP envelope. */
export const isSafeAddress = (address: string): boolean => /^[^\s<>"(),;:\\]+@[^\s<>"(),;:\\]+$/.test(address);

// Control characters in a person's name would break the header line they sit on.
const oneLine = (value: string) => value.replace(/\p{Cc}+/gu, ' ').trim();

function mailboxHeader({ name, address }: Mailbox): string {
  const display = oneLine(name);
  if (!display) return `<${address}>`;
  const phrase = /^[\x20-\x7e]*$/.test(display) ? quoteString(display) : encodeWord(display, 'Q', 52);
  return `${phrase} <${address}>`;
}

/** A header folded at 76 characters with CRLF, as RFC 5322 asks. */
const header = (name: string, value: string) => foldLines(`${name}: ${value}`, 76).replace(/\r?\n/g, '\r\n');

/** Base64 in lines of 76 characters, as RFC 2045 asks of a body part. */
function base64Lines(value: string): string {
  const encoded = Buffer.from(value, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let at = 0; at < encoded.length; at += 76) lines.push(encoded.slice(at, at + 76));
  return lines.join('\r\n');
}

/**
 * The whole message as one buffer: headers (display names and subject RFC 2047-encoded), a
 * multipart/alternative body with the text and HTML parts in base64 UTF-8. Built in one step
 * because composing through nodemailer's MIME streams cost most of the worker's time at 100,000
 * reminders.
 */
export function buildMimeMessage(message: MimeMessageInput): Buffer {
  const boundary = `----=_Part_${message.messageId.replace(/[^A-Za-z0-9]/g, '')}`;
  const headers = [
    header('From', mailboxHeader(message.from)),
    header('To', mailboxHeader(message.to)),
    header('Subject', encodeWords(oneLine(message.subject), 'Q', 52)),
    `Date: ${message.date.toUTCString().replace(/GMT/, '+0000')}`,
    `Message-ID: ${message.messageId}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative;\r\n boundary="${boundary}"`,
  ];
  const part = (type: string, content: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=utf-8`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(content),
    ].join('\r\n');
  return Buffer.from(
    [...headers, '', part('text/plain', message.text), part('text/html', message.html), `--${boundary}--`, ''].join(
      '\r\n',
    ),
    'utf8',
  );
}
