import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { abuseMessages, defaultAbuseLimits } from "@guichet/api";
import { fr, type FlowView } from "@guichet/schema";
import { refusal } from "../accountHelpers";
import { testEngines } from "../engines";
import { deviceClient } from "../liveClient";
import { startTestServer, walkTo, type TestServer } from "../testServer";
import { healthzDuring } from "./healthz";

/** 200 characters that make zxcvbn try every matcher: the attacker's input. */
const longPassword = "aA1!bB2@".repeat(25);

describe.each(testEngines)(
  "CPU held by no request, on %s",
  (engine) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({}, { engine });
    });
    afterAll(() => server.close());

    it("answers 40 parallel 200-character strength requests without stalling /healthz", async () => {
      const attacker = deviceClient(server.url, { ip: "203.0.113.40" });
      // 40 tokens, gathered from as many addresses (one address alone meets the ceiling of flow.start).
      const flows: FlowView[] = [];
      for (let i = 0; i < 40; i++) flows.push(await deviceClient(server.url, { ip: `198.51.100.${100 + i}` }).flow.start.mutate());
      const { result, latency } = await healthzDuring(server.url, () =>
        Promise.all(flows.map((f) => attacker.flow.passwordStrength.mutate({ token: f.token, password: longPassword }))),
      );
      console.log(`[${engine}] /healthz during 40 parallel 200-character strength estimates:`, latency);
      expect(latency.p99).toBeLessThan(200);
      // Each one answered: an estimate, or, past the worker pool's queue, a neutral sentence at once.
      for (const r of result) {
        if (r.score === null) expect(r.warning).toBe(abuseMessages.strengthBusy);
        else expect(r.score).toBeGreaterThanOrEqual(0);
      }
      expect(result.some((r) => r.score !== null)).toBe(true);
    });

    it("checks a 200-character password at the credentials step without stalling /healthz, and still refuses a common one", async () => {
      const citizen = deviceClient(server.url, { ip: "198.51.100.41" });
      const views: FlowView[] = [];
      for (let i = 0; i < 10; i++) views.push(await walkTo(citizen, "credentials"));
      const credentials = (password: string, i: number, confirmation = password) => ({ username: `long.${engine}.${i}`, password, confirmation });
      // The confirmation differs, so the step stops after the common-password check, before the (costly, deliberate) hash.
      const { result, latency } = await healthzDuring(server.url, () =>
        Promise.all(
          views.map((v, i) =>
            citizen.flow.send.mutate({
              token: v.token,
              version: v.version,
              move: { type: "NEXT", values: credentials(`Pontoise${longPassword}`, i, "autre") },
            }),
          ),
        ),
      );
      console.log(`[${engine}] /healthz during 10 credentials steps with a 200-character password:`, latency);
      expect(latency.p99).toBeLessThan(200);
      for (const v of result) expect(v.errors).toEqual({ confirmation: fr.credentials.confirmationMismatch });

      const one = await walkTo(citizen, "credentials");
      const common = await citizen.flow.send.mutate({ token: one.token, version: one.version, move: { type: "NEXT", values: credentials("Azerty123", 99) } });
      expect(common.errors.password).toBe(fr.credentials.passwordCommon);
    });

    it("throttles strength estimates per flow, with a French sentence", async () => {
      const typist = deviceClient(server.url, { ip: "198.51.100.42" });
      const flow = await typist.flow.start.mutate();
      const allowed = defaultAbuseLimits.passwordStrength.perFlow.max;
      for (let i = 0; i < allowed; i++) await typist.flow.passwordStrength.mutate({ token: flow.token, password: `Essai${i}` });
      const refused = await refusal(typist.flow.passwordStrength.mutate({ token: flow.token, password: "Encore1" }));
      expect(refused.code).toBe("TOO_MANY_REQUESTS");
      expect(refused.message).toMatch(/^Trop de demandes en peu de temps\. Veuillez réessayer dans \d+\u00a0minutes?\.$/);
      // Another flow of another address is not slowed down.
      const other = deviceClient(server.url, { ip: "198.51.100.43" });
      const fresh = await other.flow.start.mutate();
      expect((await other.flow.passwordStrength.mutate({ token: fresh.token, password: "Pontoise1975" })).score).not.toBeNull();
    });
  },
  60_000,
);
