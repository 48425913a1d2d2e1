import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { Environment } from '../../config/environment';
import { buildMimeMessage, Mailbox, messageIdOf, parseMailbox } from './mime-message';

/** One message to one person; the From is MAIL_FROM. */
export interface OutgoingEmail {
  to: Mailbox;
  subject: string;
  text: string;
  html: string;
  /** The notification's id, made the Message-ID: the same if the message is ever sent again. */
  messageId: string;
}

/**
 * The SMTP transport, built once from SMTP_URL and pooled (SMTP_POOL_SIZE connections, each
 * renewed after SMTP_MAX_MESSAGES), so a
 * burst of reminders goes out over a few connections side by side. Without SMTP_URL there is none: email is off and in-app notifications still work.
 */
@Injectable()
export class Mailer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Email');
  private readonly transport: Transporter | null;
  private readonly from: Mailbox;

  constructor(private readonly env: Environment) {
    this.from = parseMailbox(env.MAIL_FROM);
    this.transport = env.SMTP_URL
      ? createTransport({
          url: env.SMTP_URL,
          pool: true,
          maxConnections: env.SMTP_POOL_SIZE,
          maxMessages: env.SMTP_MAX_MESSAGES,
        })
      : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  onApplicationBootstrap(): void {
    this.logger.log(
      this.transport
        ? `Email on through ${new URL(this.env.SMTP_URL).host}`
        : 'Email is off (SMTP_URL is not set); in-app notifications still work',
    );
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  /** Sends or throws nodemailer's error (with `responseCode` when the server refused). */
  async send(email: OutgoingEmail): Promise<void> {
    if (!this.transport) throw new Error('email is off: SMTP_URL is not set');
    const messageId = messageIdOf(email.messageId, this.from);
    const raw = buildMimeMessage({ ...email, messageId, from: this.from, date: new Date() });
    // With its own Message-ID nodemailer does not draw a random one for a raw message it will not use.
    await this.transport.sendMail({ envelope: { from: this.from.address, to: [email.to.address] }, raw, messageId });
  }
}
