import { generateKeyPairSync } from "node:crypto";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { afterEach, expect, test } from "vitest";
import { exampleTenant } from "../testing/exampleTenant.js";
import { startSmtpPeer, type SmtpPeer } from "../testing/startSmtpPeer.js";
import type { DkimKey } from "./dkim.js";
import type { MailTransport } from "./MailTransport.js";
import { smtpTransport } from "./smtpTransport.js";

let peer: SmtpPeer | undefined;
let transport: MailTransport | undefined;

afterEach(async () => {
  transport?.close?.();
  await peer?.close();
});

/** A key pair as an authority would publish it: the public half in DNS at `<selector>._domainkey.<domain>`. */
function dkimKey(domain: string, selector: string) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key: DkimKey = { domain, selector, privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
  const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: "spki", format: "der" }).toString("base64")}`;
  const dns = async (name: string, type: string) => {
    if (type === "TXT" && name === `${selector}._domainkey.${domain}`) return [[record]];
    throw Object.assign(new Error(`no ${type} record for ${name}`), { code: "ENOTFOUND" });
  };
  return { key, dns };
}

async function sendSigned(key: DkimKey) {
  peer = await startSmtpPeer();
  transport = smtpTransport(peer.url, { dkim: key });
  await transport.send({
    from: { name: exampleTenant.name, address: "ne-pas-repondre@ccplm.example" },
    to: "marie.dupont@example.fr",
    subject: "Confirmation de création de votre espace citoyen",
    text: "Bonjour Madame Dupont,\n\nVotre code : 048213",
    html: "<p>Bonjour Madame Dupont,</p><p>Votre code : <strong>048213</strong></p>",
  });
  return peer.received[0]!.raw;
}

test("with a DKIM key, the message arrives signed and the signature verifies against the published key", async () => {
  const { key, dns } = dkimKey("ccplm.example", "guichet");
  const raw = await sendSigned(key);

  const signature = raw.toString().split(/\r?\n(?! )/)[0]!;
  expect(signature).toMatch(/^DKIM-Signature: .*d=ccplm\.example;/s);
  expect(signature).toMatch(/ s=guichet;/);
  const verdict = await dkimVerify(raw, { resolver: dns });
  expect(verdict.results.map((r) => r.status.result)).toEqual(["pass"]);
});

test("a message changed after signing fails verification, so the signature really covers the body", async () => {
  const { key, dns } = dkimKey("ccplm.example", "guichet");
  const raw = (await sendSigned(key)).toString().replace("048213", "999999");

  const verdict = await dkimVerify(Buffer.from(raw), { resolver: dns });
  // mailauth reports a body that no longer matches its hash as "neutral (body hash did not verify)".
  expect(verdict.results.map((r) => r.status.result)).not.toContain("pass");
  expect(verdict.results[0]?.info).toMatch(/body hash did not verify/);
});
