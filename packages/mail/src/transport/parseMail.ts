import type { ParsedMail } from "mailparser";

let parser: Promise<typeof import("mailparser")> | undefined;

/** mailparser, loaded on first use: only the developer's mailbox pages read e-mails back, never production. */
export async function parseMail(eml: string | Buffer): Promise<ParsedMail> {
  const { simpleParser } = await (parser ??= import("mailparser"));
  return simpleParser(eml);
}
