import type { DkimKey } from "./dkim.js";
import { mailboxTransport } from "./mailboxTransport.js";
import type { MailTransport } from "./MailTransport.js";
import { smtpTransport } from "./smtpTransport.js";

/**
 * SMTP when `SMTP_URL` is set, otherwise the local mailbox in `MAIL_DIR` (default ./data/mail; see docs/configuration.md).
 * With a DKIM key, every message is signed, the local mailbox's too, so what it shows is what leaves.
 */
export function transportFromEnv(env: { SMTP_URL?: string; MAIL_DIR?: string } = process.env, { dkim }: { dkim?: DkimKey } = {}): MailTransport {
  const options = dkim ? { dkim } : {};
  if (env.SMTP_URL) return smtpTransport(env.SMTP_URL, options);
  return mailboxTransport(env.MAIL_DIR || "./data/mail", options);
}
