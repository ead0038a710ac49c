import { afterEach, beforeAll, expect, test } from "vitest";
import { createMailRenderer, type MailRenderer } from "../render/createMailRenderer.js";
import { exampleTenant } from "../testing/exampleTenant.js";
import { startSmtpPeer, type SmtpPeer } from "../testing/startSmtpPeer.js";
import type { MailTransport } from "./MailTransport.js";
import { smtpTransport } from "./smtpTransport.js";

let renderer: MailRenderer;
let peer: SmtpPeer | undefined;
let transport: MailTransport | undefined;

beforeAll(async () => {
  renderer = await createMailRenderer();
});

afterEach(async () => {
  transport?.close?.();
  await peer?.close();
});

async function sendActivation(lastName: string) {
  peer = await startSmtpPeer();
  transport = smtpTransport(peer.url);
  const mail = renderer.render(
    "activation",
    { civility: "Madame", lastName, username: "marie.dupont", activationUrl: "https://guichet.ccplm.example/activation/Zx81kQ", activationCode: "048213" },
    exampleTenant,
  );
  await transport.send({ from: { name: exampleTenant.name, address: exampleTenant.email }, to: "marie.dupont@example.fr", ...mail });
  const [parsed, ...others] = await peer.parsed();
  expect(others).toHaveLength(0);
  return parsed!;
}

test("the activation e-mail arrives over SMTP with a text and an HTML part, each holding the link and the 6-digit code", async () => {
  const parsed = await sendActivation("Dupont");

  expect(parsed.subject).toBe("Confirmation de création de votre espace citoyen");
  expect(peer!.received[0]!.rcptTo).toEqual(["marie.dupont@example.fr"]);
  expect(parsed.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
  expect(parsed.text).toContain("https://guichet.ccplm.example/activation/Zx81kQ");
  expect(parsed.text).toContain("048213");
  expect(parsed.text).toContain("Bonjour Madame Dupont,");
  expect(parsed.html).toContain('href="https://guichet.ccplm.example/activation/Zx81kQ"');
  expect(parsed.html).toContain("048213");
  expect(parsed.html).toContain('lang="fr"');
});

test("a hostile name arrives escaped in the HTML part", async () => {
  const parsed = await sendActivation("<img src=x onerror=alert(1)>");

  expect(parsed.html).not.toContain("<img");
  expect(parsed.html).toContain("Bonjour Madame &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;,");
  // The text part is text/plain: shown as typed, never interpreted.
  expect(parsed.text).toContain("Bonjour Madame <img src=x onerror=alert(1)>,");
});

const plain = (n: number) => ({ to: `citoyen${n}@example.fr`, subject: `Essai ${n}`, text: "Essai", html: "<p>Essai</p>".repeat(200) });

test("messages sent one after another on the pooled connection do not each wait for a delayed ACK", async () => {
  peer = await startSmtpPeer();
  transport = smtpTransport(peer.url);
  await transport.send(plain(0)); // connection and greeting, out of the timing
  const started = performance.now();
  for (let n = 1; n <= 10; n += 1) await transport.send(plain(n));
  const elapsed = performance.now() - started;

  expect(peer.received).toHaveLength(11);
  // With Nagle on, the end of each message waited for the peer's delayed ACK: 40 ms or more
  // each, so at least 400 ms; without, a few milliseconds each, even on a loaded machine.
  expect(elapsed).toBeLessThan(250);
});

test.each(["implicit", "starttls"] as const)("TLS (%s): the message arrives encrypted", async (tls) => {
  peer = await startSmtpPeer({ tls });
  transport = smtpTransport(peer.url);

  await transport.send(plain(1));
  await transport.send(plain(2));

  expect(peer.received.map(({ rcptTo, secure }) => ({ rcptTo, secure }))).toEqual([
    { rcptTo: ["citoyen1@example.fr"], secure: true },
    { rcptTo: ["citoyen2@example.fr"], secure: true },
  ]);
});

test("a server that cannot be reached makes send reject, so the outbox retries", async () => {
  peer = await startSmtpPeer();
  const { url } = peer;
  await peer.close();
  peer = undefined;
  transport = smtpTransport(url);

  await expect(transport.send(plain(1))).rejects.toThrow(/ECONNREFUSED/);
});
