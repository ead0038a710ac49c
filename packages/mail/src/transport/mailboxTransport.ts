import { mkdir, rename, writeFile } from "node:fs/promises";
import nodemailer from "nodemailer";
import { mailboxFile } from "./mailboxFile.js";
import { mailboxId } from "./mailboxId.js";
import type { MailTransport } from "./MailTransport.js";
import { singleRecipient } from "./singleRecipient.js";
import { nodemailerDkim, type DkimKey } from "./dkim.js";

/**
 * The local mailbox used when no SMTP server is configured (`SMTP_URL` unset): each message becomes a full
 * RFC 822 `.eml` file, built by the same nodemailer code as SMTP mail, so what `/dev/mail` shows
 * is what a real server would have received.
 */
export function mailboxTransport(dir: string, { dkim }: { dkim?: DkimKey } = {}): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows", ...(dkim ? { dkim: nodemailerDkim(dkim) } : {}) });
  let ready: Promise<unknown> | undefined;
  return {
    async send(message) {
      ready ??= mkdir(dir, { recursive: true });
      await ready;
      const { message: eml } = await composer.sendMail({ ...message, to: singleRecipient(message.to) });
      const file = mailboxFile(dir, mailboxId());
      if (!file) throw new Error("mailboxId made an id mailboxFile refuses");
      // Written aside then renamed, so a listing never meets a half-written file.
      const partial = `${file}.partial`;
      await writeFile(partial, eml);
      await rename(partial, file);
    },
  };
}
