import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fr } from "@guichet/schema";
import { MAX_BATCH_CALLS } from "../../src/batchLimit";
import { testEngines } from "../engines";
import { startTestServer, walkTo, type TestServer } from "../testServer";
import { healthzDuring } from "./healthz";

/**
 * Issue 21: 1,000 `ping` in one batch held the event loop 483 ms, 555 `flow.get` in one 33 KB request 443 ms,
 * and `/healthz` waited ~400 ms behind each. A batch carries at most MAX_BATCH_CALLS calls; more is refused
 * before its body is read.
 */
const batchUrl = (base: string, procedure: string, calls: number, separator = ",") =>
  `${base}/trpc/${Array.from({ length: calls }, () => procedure).join(separator)}?batch=1`;

const refusal = { error: { message: fr.errors.tooManyCalls, code: 400 } };

describe.each(testEngines)(
  "tRPC batches bounded, on %s",
  (engine) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ GUICHET_WORKER: "off" }, { engine });
    });
    afterAll(() => server.close());

    const post = (url: string, body: unknown) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.21" }, body: JSON.stringify(body) });

    it(`answers a batch of ${MAX_BATCH_CALLS} calls, and refuses one more in French, however its commas are written`, async () => {
      expect(fr.errors.tooManyCalls).toContain(`${MAX_BATCH_CALLS}\u00a0appels`);
      const allowed = await post(batchUrl(server.url, "ping", MAX_BATCH_CALLS), {});
      expect(allowed.status).toBe(200);
      const results = (await allowed.json()) as Array<{ result: { data: string } }>;
      expect(results.map((r) => r.result.data)).toEqual(Array.from({ length: MAX_BATCH_CALLS }, () => "pong"));

      for (const separator of [",", "%2C", "%252C"]) {
        const res = await post(batchUrl(server.url, "ping", MAX_BATCH_CALLS + 1, separator), {});
        expect(res.status, separator).toBe(400);
        expect(res.headers.get("cache-control"), separator).toBe("no-store");
        expect(await res.json(), separator).toEqual(refusal);
      }
      const asQuery = await fetch(`${batchUrl(server.url, "tenant.info", MAX_BATCH_CALLS + 1)}&input=${encodeURIComponent("{}")}`);
      expect(asQuery.status).toBe(400);
      expect(await asQuery.json()).toEqual(refusal);
    });

    it("refuses 1,000 pings in one batch and 555 flow.get in one 33 KB request at once, without stalling /healthz", async () => {
      const view = await walkTo(server.client, "identity");
      const tokens = Object.fromEntries(Array.from({ length: 555 }, (_, i) => [i, { token: view.token }]));
      expect(JSON.stringify(tokens).length).toBeGreaterThan(30_000);
      const { result, latency } = await healthzDuring(server.url, async () => {
        const answers: Response[] = [];
        // Twenty of each, one after the other: one request of either kind held the loop over 400 ms before.
        for (let round = 0; round < 20; round++) {
          answers.push(await post(batchUrl(server.url, "ping", 1_000), {}), await post(batchUrl(server.url, "flow.get", 555), tokens));
        }
        return Promise.all(answers.map(async (res) => ({ status: res.status, body: await res.json() })));
      });
      console.log(`[${engine}] /healthz during 20 batches of 1,000 pings and 20 of 555 flow.get:`, JSON.stringify(latency));
      for (const r of result) expect(r).toEqual({ status: 400, body: refusal });
      // Before (5 of each): p99 403 ms on PostgreSQL, 1.7 s on SQLite; the bound leaves room for a loaded machine.
      expect(latency.p99).toBeLessThan(250);
      // The flow is untouched and answers one call as before.
      expect(await server.client.flow.get.mutate({ token: view.token })).toMatchObject({ step: "identity", version: view.version });
    });
  },
  60_000,
);
