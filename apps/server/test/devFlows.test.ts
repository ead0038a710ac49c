import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@guichet/api";
import { chartSteps } from "../src/devFlows";
import { nextMove } from "./snapshotFixtures";
import { marcBoyet, startTestServer, type TestServer } from "./testServer";
import { testEngines } from "./engines";

describe.each(testEngines)("/dev/flows on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { engine });
  });
  afterAll(() => server.close());

  async function flowAt(step: string) {
    let view = await server.client.flow.start.mutate();
    while (view.step !== step) view = await server.client.flow.send.mutate({ token: view.token, version: view.version, move: nextMove(view, "marc.dev") });
    return view;
  }

  it("draws every step of the machine, and marks where the recent flows are", async () => {
    const atAddress = await flowAt("address");
    const atServices = await flowAt("services");
    const page = await (await fetch(`${server.url}/dev/flows`)).text();
    for (const step of chartSteps) expect(page).toContain(`data-step="${step.key}"`);
    expect(page).toMatch(/<g data-step="address" data-here="true">/);
    expect(page).toMatch(/<g data-step="services" data-here="true">/);
    expect(page).not.toMatch(/<g data-step="review" data-here="true">/);
    const [row] = await server.guichet.db.execute<{ id: string }>("select id from flow where token_hash = ?", [hashToken(atAddress.token)]);
    expect(page).toContain(`<code>${row!.id.slice(0, 8)}</code></td><td>address</td>`);
    expect(page).toContain("services › editing");

    // Never an answer, a draft or a token.
    for (const secret of [
      marcBoyet.identity.nomUsuel,
      marcBoyet.identity.prenoms,
      marcBoyet.contacts.courriel,
      atAddress.token,
      atServices.token,
      "marc.dev",
      "$argon2",
    ]) {
      expect(page, secret).not.toContain(secret);
    }
  });

  it("serves the redrawn part alone, for the page to poll", async () => {
    const live = await fetch(`${server.url}/dev/flows/live`);
    expect(live.headers.get("cache-control")).toBe("no-store");
    const html = await live.text();
    expect(html).toContain("Où en sont les parcours");
    expect(html).not.toContain("<html");
  });
});

describe("/dev/flows in production", () => {
  let server: TestServer;
  beforeAll(async () => {
    // Production over loopback's plain HTTP, without an SMTP server: insecure on purpose, and said so.
    server = await startTestServer({ NODE_ENV: "production", GUICHET_CAPTCHA: "on", GUICHET_POW_SECRET: "x".repeat(32), GUICHET_ALLOW_INSECURE: "1" });
  });
  afterAll(() => server.close());

  it("is not served", async () => {
    expect((await fetch(`${server.url}/dev/flows`, { headers: { accept: "application/json" } })).status).toBe(404);
  });
});
