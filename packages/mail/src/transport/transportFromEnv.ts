import { mailboxTransport } from './mailboxTransport.js';
import type { MailTransport } from './MailTransport.js';
import { smtpTransport } from './smtpTransport.js';

/** SPEC §7: SMTP when `SMTP_URL` is set, otherwise the local mailbox in `MAIL_DIR` (default ./data/mail). */
export function transportFromEnv(env: { SMTP_URL?: string; MAIL_DIR?: string } = process.env): MailTransport {
  if (env.SMTP_URL) return smtpTransport(env.SMTP_URL);
  return mailboxTransport(env.MAIL_DIR || './data/mail');
}
