import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { listMailbox } from "./listMailbox.js";
import { mailboxTransport } from "./mailboxTransport.js";
import type { MailMessage } from "./MailTransport.js";
import { readMailbox } from "./readMailbox.js";

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "guichet-mail-"));
  dir = path.join(root, "data", "mail"); // not created yet: the transport must create it
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const message = (subject: string): MailMessage => ({
  from: { name: "Communauté de communes", address: "jeunesse@ccplm.fr" },
  to: "marie.dupont@example.fr",
  subject,
  text: "Bonjour Madame Dupont,\n\nVotre code : 048213",
  html: "<p>Bonjour Madame Dupont,</p><p>Votre code : <strong>048213</strong></p>",
});

test("a sent message is written as an .eml file that readMailbox reads back", async () => {
  await mailboxTransport(dir).send(message("Réinitialisation de votre mot de passe"));

  const [file, ...others] = await readdir(dir);
  expect(others).toEqual([]);
  expect(file).toMatch(/\.eml$/);
  const eml = await readFile(path.join(dir, file!), "utf8");
  expect(eml).toMatch(/^Content-Type: multipart\/alternative;/m);
  const read = await readMailbox(dir, file!.slice(0, -4));
  expect(read).toMatchObject({
    to: "marie.dupont@example.fr",
    subject: "Réinitialisation de votre mot de passe",
    html: "<p>Bonjour Madame Dupont,</p><p>Votre code : <strong>048213</strong></p>",
  });
  expect(read?.text.trim()).toBe("Bonjour Madame Dupont,\n\nVotre code : 048213");
  expect(read?.date).toBeInstanceOf(Date);
});

test("listMailbox lists the newest message first", async () => {
  const transport = mailboxTransport(dir);
  for (const subject of ["premier", "deuxième", "troisième"]) await transport.send(message(subject));

  const listed = await listMailbox(dir);

  expect(listed.map((entry) => entry.subject)).toEqual(["troisième", "deuxième", "premier"]);
  expect(listed[0]).toMatchObject({ to: "marie.dupont@example.fr" });
});

test("ids that try to leave the mailbox folder are rejected", async () => {
  await mailboxTransport(dir).send(message("secret voisin"));
  await writeFile(path.join(root, "data", "outside.eml"), "Subject: dehors\r\n\r\nnon");

  for (const id of ["../outside", "..%2Foutside", "/etc/passwd", "a/../../outside", "..", ""]) {
    await expect(readMailbox(dir, id), id).rejects.toThrow(RangeError);
  }
});

test("a mailbox that received nothing lists no message", async () => {
  expect(await listMailbox(dir)).toEqual([]);
  expect(await readMailbox(dir, "20260101T000000000Z-000001-abcdef")).toBeUndefined();
});
