import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A refusal of RCPT TO for one address: `times` times, then it is accepted again. */
interface Refusal {
  code: 550 | 451;
  left: number;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Every message accepted, parsed, in the order they arrived. */
  messages: ParsedMail[];
  /** Every RCPT TO received, lower-cased, refused ones included: how many attempts an address got. */
  recipients: string[];
  /** Messages to `address` (any when omitted) once there are at least `count` of them. */
  waitFor: (count: number, address?: string) => Promise<ParsedMail[]>;
  /** Refuses `address` at RCPT TO with `code` (550 permanent, 451 temporary) the next `times` times. */
  refuse: (address: string, code: 550 | 451, times?: number) => void;
  close: () => Promise<void>;
}

/** The addresses a parsed message was sent to. */
export const addressesOf = (mail: ParsedMail): string[] =>
  [mail.to ?? []].flat().flatMap((to) => to.value.map((v) => v.address?.toLowerCase() ?? ''));

/** A real SMTP server on 127.0.0.1 (a free port unless given), no TLS, no auth, keeping what it receives. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const recipients: string[] = [];
  const refusals = new Map<string, Refusal>();
  const waiting = new Set<() => void>();
  const to = (address?: string) =>
    address ? messages.filter((m) => addressesOf(m).includes(address.toLowerCase())) : messages;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const rcpt = address.address.toLowerCase();
      recipients.push(rcpt);
      const refusal = refusals.get(rcpt);
      if (refusal && refusal.left > 0) {
        refusal.left--;
        const error = new Error(refusal.code === 550 ? 'Mailbox unavailable' : 'Try again later');
        return callback(Object.assign(error, { responseCode: refusal.code }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          waiting.forEach((check) => check());
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${bound}`,
    messages,
    recipients,
    waitFor: (count, address) =>
      new Promise((resolve) => {
        const check = () => {
          const found = to(address);
          if (found.length < count) return;
          waiting.delete(check);
          resolve(found);
        };
        waiting.add(check);
        check();
      }),
    refuse: (address, code, times = Number.POSITIVE_INFINITY) =>
      refusals.set(address.toLowerCase(), { code, left: times }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
