import { readdir, readFile } from "node:fs/promises";
import { parseMail } from "./parseMail.js";
import { addressText } from "./addressText.js";
import { mailboxFile } from "./mailboxFile.js";
import type { MailboxSummary } from "./MailboxEntry.js";

/** The messages of the local mailbox, newest first; an empty list if nothing was sent yet. */
export async function listMailbox(dir: string): Promise<MailboxSummary[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files = names
    .filter((name) => name.endsWith(".eml"))
    .map((name) => name.slice(0, -".eml".length))
    .sort()
    .reverse()
    .flatMap((id) => {
      const file = mailboxFile(dir, id);
      return file ? [{ id, file }] : [];
    });
  return Promise.all(
    files.map(async ({ id, file }) => {
      const eml = await readFile(file, "utf8");
      // Only the header block is parsed: a listing needs no bodies.
      const end = eml.indexOf("\r\n\r\n");
      const parsed = await parseMail(end === -1 ? eml : eml.slice(0, end + 4));
      return { id, to: addressText(parsed.to), subject: parsed.subject ?? "", date: parsed.date ?? new Date(0) };
    }),
  );
}
