import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { startSmtpPeer } from "../testing/startSmtpPeer.js";
import type { MailMessage } from "./MailTransport.js";
import { transportFromEnv } from "./transportFromEnv.js";

const message: MailMessage = { to: "marie.dupont@example.fr", subject: "Essai", text: "Essai", html: "<p>Essai</p>" };

test("without SMTP_URL, e-mails are written to the mailbox in MAIL_DIR", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "guichet-mail-"));
  try {
    await transportFromEnv({ MAIL_DIR: dir, SMTP_URL: "" }).send(message);
    expect(await readdir(dir)).toEqual([expect.stringMatching(/\.eml$/)]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("with SMTP_URL, e-mails go to that SMTP server", async () => {
  const peer = await startSmtpPeer();
  const transport = transportFromEnv({ SMTP_URL: peer.url, MAIL_DIR: "/nonexistent/never-written" });
  try {
    await transport.send(message);
    expect(peer.received).toHaveLength(1);
  } finally {
    transport.close?.();
    await peer.close();
  }
});
