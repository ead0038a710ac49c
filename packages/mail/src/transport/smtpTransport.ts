import nodemailer from 'nodemailer';
import type { MailTransport } from './MailTransport.js';
import { singleRecipient } from './singleRecipient.js';

/**
 * Sends through an SMTP server given as a URL (`smtp://host:2525`, `smtps://user:pass@host`).
 * Pooled unless the URL says `?pool=false`: the outbox worker sends batches, and one connection
 * per message would cost a TCP and SMTP handshake each time.
 */
export function smtpTransport(url: string): MailTransport {
  const withPool = new URL(url);
  if (!withPool.searchParams.has('pool')) withPool.searchParams.set('pool', 'true');
  const transporter = nodemailer.createTransport(withPool.toString());
  return {
    async send(message) {
      await transporter.sendMail({ ...message, to: singleRecipient(message.to) });
    },
    close() {
      transporter.close();
    },
  };
}
