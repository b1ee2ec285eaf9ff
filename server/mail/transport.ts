import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '@server/config';
import type { Logger } from '@server/logger';

/** A rendered e-mail ready to hand to the transport. */
export interface OutgoingMail {
  /** The outbox id: also the Message-ID, so a receiving server can drop a duplicate. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Delivers e-mails: over SMTP when `SMTP_URL` is set, otherwise as `.eml` files in `DATA_DIR/mail/`. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

function messageFor(config: Config, mail: OutgoingMail) {
  const domain = new URL(config.baseUrl).hostname || 'agora.local';
  return {
    from: config.mailFrom,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    messageId: `<${mail.id}@${domain}>`,
  };
}

/** The transport the configuration asks for. */
export function createMailTransport(config: Config, logger: Logger): MailTransport {
  if (config.smtpUrl) {
    const smtp = nodemailer.createTransport(config.smtpUrl);
    return {
      async send(mail) {
        await smtp.sendMail(messageFor(config, mail));
      },
      close: () => smtp.close(),
    };
  }
  const dir = path.join(config.dataDir, 'mail');
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  logger.info({ dir }, `SMTP_URL is not set: e-mails are written as .eml files to ${dir}`);
  return {
    async send(mail) {
      const info = await stream.sendMail(messageFor(config, mail));
      await mkdir(dir, { recursive: true });
      // Named by outbox id: writing the same e-mail again replaces it instead of duplicating it.
      await writeFile(path.join(dir, `${mail.id}.eml`), info.message as Buffer);
    },
    close: () => stream.close(),
  };
}
