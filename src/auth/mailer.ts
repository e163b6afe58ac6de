/**
 * Account mail (password resets) and alerts: over SMTP when SMTP_URL is set, else
 * into the email_outbox table that admins read, so the flows work on the
 * embedded default and in tests.
 */
import type { Transporter } from 'nodemailer';
import type { Db } from '../db/client.js';
import { emailOutbox } from '../db/schema.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Headers beyond the subject (List-Unsubscribe on alerts). */
  headers?: Record<string, string>;
}

export interface Mailer {
  kind: 'smtp' | 'outbox';
  send(mail: Mail): Promise<void>;
}

/**
 * `pooled` keeps a few connections open for a stream of mail (the alert worker) rather than one per message.
 * nodemailer (~0.65 MB of source held by the process) loads with the first mail sent, not with every server:
 * without SMTP_URL, the default, it is never used.
 */
export function smtpMailer(url: string, from: string, pooled = false): Mailer {
  let transport: Promise<Transporter> | undefined;
  return {
    kind: 'smtp',
    async send(mail) {
      transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(pooled ? { url, pool: true, maxConnections: 5 } : url));
      await (await transport).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.headers ? { headers: mail.headers } : {}) });
    },
  };
}

export function outboxMailer(db: Db): Mailer {
  return {
    kind: 'outbox',
    async send(mail) {
      await db.insert(emailOutbox).values({ recipient: mail.to, subject: mail.subject, body: mail.text, headers: mail.headers ?? {} });
    },
  };
}
