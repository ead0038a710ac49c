import { readFile } from "node:fs/promises";
import { parseMail } from "./parseMail.js";
import { addressText } from "./addressText.js";
import { mailboxFile } from "./mailboxFile.js";
import type { MailboxMessage } from "./MailboxEntry.js";

/**
 * One message of the local mailbox, or undefined if there is none with this id. Throws a
 * RangeError for an id the mailbox could not have made (`../../etc/passwd`).
 */
export async function readMailbox(dir: string, id: string): Promise<MailboxMessage | undefined> {
  const file = mailboxFile(dir, id);
  if (!file) throw new RangeError("Invalid mailbox message id");
  let eml: Buffer;
  try {
    eml = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = await parseMail(eml);
  return {
    to: addressText(parsed.to),
    subject: parsed.subject ?? "",
    date: parsed.date ?? new Date(0),
    html: parsed.html || "",
    text: parsed.text ?? "",
  };
}
