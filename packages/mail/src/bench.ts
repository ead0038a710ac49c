// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient mjml module must reach the other workspaces' programs that compile this file
/// <reference path="./mjml.d.ts" />
import mjml2html from "mjml";
import { createOutboxWorker } from "./outbox/createOutboxWorker.js";
import { createMailRenderer } from "./render/createMailRenderer.js";
import { activation, type ActivationData } from "./templates/activation.js";
import { layoutMjml } from "./templates/layoutMjml.js";
import { exampleTenant } from "./testing/exampleTenant.js";
import { inMemoryOutboxStore } from "./testing/inMemoryOutboxStore.js";
import { startSmtpPeer } from "./testing/startSmtpPeer.js";
import { smtpTransport } from "./transport/smtpTransport.js";

export interface MailBenchResult {
  /** One activation e-mail (subject, HTML and text) filled from the precompiled template. */
  precompiledMicros: number;
  /** One `mjml2html` of the same template: what rendering MJML per message would cost. */
  mjmlMillis: number;
  /** How many times slower MJML per message would be. */
  ratio: number;
  /** Messages per second from the outbox, through the worker, to an SMTP server on loopback. */
  outboxPerSecond: number;
}

const data = (n: number): ActivationData => ({
  civility: "Madame",
  lastName: `Dupont-${n}`,
  username: `dupont${n}`,
  activationUrl: `https://guichet.ccplm.example/activation/${n.toString(36)}`,
  activationCode: String(100_000 + (n % 900_000)),
});

/** Measures the ARCHITECTURE.md claims for mail: precompiled MJML, and the outbox's throughput. */
export async function benchMail({ renders = 20_000, mjmlRuns = 40, outboxMessages = 500 } = {}): Promise<MailBenchResult> {
  const renderer = await createMailRenderer();
  for (let n = 0; n < 1_000; n += 1) renderer.render("activation", data(n), exampleTenant);
  let started = performance.now();
  for (let n = 0; n < renders; n += 1) renderer.render("activation", data(n), exampleTenant);
  const precompiledMicros = ((performance.now() - started) * 1_000) / renders;

  const source = layoutMjml(activation.preview, activation.mjmlBody);
  const options = { validationLevel: "strict", keepComments: false, fonts: {} } as const;
  for (let n = 0; n < 5; n += 1) await mjml2html(source, options);
  started = performance.now();
  for (let n = 0; n < mjmlRuns; n += 1) await mjml2html(source, options);
  const mjmlMillis = (performance.now() - started) / mjmlRuns;

  const peer = await startSmtpPeer();
  const transport = smtpTransport(peer.url);
  const store = inMemoryOutboxStore();
  const worker = createOutboxWorker({ store, renderer, transport, tenant: exampleTenant });
  try {
    for (let n = 0; n < outboxMessages; n += 1) store.enqueue({ template: "activation", to: `citoyen${n}@example.fr`, data: data(n) });
    started = performance.now();
    const { sent, failed } = await worker.drain();
    const seconds = (performance.now() - started) / 1_000;
    if (sent !== outboxMessages || failed !== 0 || peer.received.length !== outboxMessages) {
      throw new Error(`Outbox bench: ${sent} sent, ${failed} failed, ${peer.received.length} received of ${outboxMessages}`);
    }
    return { precompiledMicros, mjmlMillis, ratio: (mjmlMillis * 1_000) / precompiledMicros, outboxPerSecond: outboxMessages / seconds };
  } finally {
    await worker.stop();
    transport.close?.();
    await peer.close();
  }
}
