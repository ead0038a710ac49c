import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { abuseMessages, defaultAbuseLimits, type FlowUpdate } from "@guichet/api";
import { marcBoyet } from "../testServer";
import { testEngines } from "../engines";
import { deviceClient, isView, walkTo, watch } from "../liveClient";
import { startTestServer, type TestServer } from "../testServer";
import { healthzDuring } from "./healthz";

const { perFlow, perAddress } = defaultAbuseLimits.liveViews;
const wasCut = (u: FlowUpdate) => u.kind === "cut";

describe.each(testEngines)(
  "live views bounded, on %s",
  (engine) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({}, { engine });
    });
    afterAll(() => server.close());
    const hub = () => server.guichet.services.live.hub;

    it("keeps the newest views of a flow when 60 watch it, cuts the others with a French sentence, and reads the flow once per move", async () => {
      const owner = deviceClient(server.url, { ip: "192.0.2.1" });
      const view = await walkTo(owner, "identity");
      const flowId = (await server.guichet.services.flows.idOf(view.token))!;
      const { result: views, latency: opening } = await healthzDuring(server.url, async () => {
        const opened = [];
        for (let i = 0; i < 60; i++) {
          const w = watch(deviceClient(server.url, { ip: `198.51.100.${i}` }), view.token, view.version);
          await w.ready;
          opened.push(w);
        }
        return opened;
      });
      console.log(`[${engine}] /healthz while 60 views of one flow open:`, opening);
      expect(opening.p99).toBeLessThan(200);
      await expect.poll(() => hub().count(flowId), { timeout: 5_000 }).toBe(perFlow);
      const cut = views.slice(0, -perFlow);
      const kept = views.slice(-perFlow);
      await Promise.all(cut.map((w) => w.next(wasCut, 10_000)));
      for (const w of cut) expect(w.updates.find((u) => wasCut(u.update))?.update).toEqual({ kind: "cut", message: abuseMessages.liveViewReplaced });

      // One move: one read of the flow, shared by the views that remain.
      const flows = server.guichet.services.flows;
      const get = flows.get;
      let reads = 0;
      flows.get = (token) => {
        reads++;
        return get(token);
      };
      try {
        const { result: moved, latency } = await healthzDuring(server.url, async () => {
          const next = await owner.flow.send.mutate({ token: view.token, version: view.version, move: { type: "BACK", values: marcBoyet.identity } });
          await Promise.all(kept.map((w) => w.next((u) => isView(u) && u.view.version === next.version, 5_000)));
          return next;
        });
        console.log(`[${engine}] /healthz during a move watched by ${perFlow} views (after 60 opened):`, latency);
        expect(latency.p99).toBeLessThan(200);
        expect(reads).toBe(1);
        expect(moved.step).toBe("terms");
      } finally {
        flows.get = get;
      }
      // A cut view does not come back in a loop: the count stays at the ceiling, each cut view heard one "cut".
      await new Promise((r) => setTimeout(r, 1_000));
      expect(hub().count(flowId)).toBe(perFlow);
      for (const w of cut) expect(w.updates.filter((u) => wasCut(u.update))).toHaveLength(1);
      for (const w of views) w.close();
    });

    it("keeps at most 20 views from one address, cutting the oldest", async () => {
      const ip = "203.0.113.9";
      const owner = deviceClient(server.url, { ip: "192.0.2.2" });
      const watcher = deviceClient(server.url, { ip });
      const views = [];
      for (let i = 0; i < perAddress + 10; i++) {
        const flow = await owner.flow.start.mutate();
        const w = watch(watcher, flow.token, flow.version);
        await w.ready;
        views.push(w);
      }
      await Promise.all(views.slice(0, 10).map((w) => w.next(wasCut, 10_000)));
      await new Promise((r) => setTimeout(r, 300));
      for (const w of views.slice(10)) expect(w.updates.some((u) => wasCut(u.update))).toBe(false);
      for (const w of views) w.close();
    });

    it("opens a live view with a single-use ticket: no flow token in its URL, and the same URL refused the second time", async () => {
      const streams: string[] = [];
      const device = deviceClient(server.url, { ip: "192.0.2.3", onStream: (url) => streams.push(url) });
      const view = await walkTo(device, "terms");
      const w = watch(device, view.token, view.version);
      await w.ready;
      expect(streams).toHaveLength(1);
      expect(streams[0]).not.toContain(view.token);
      expect(decodeURIComponent(streams[0]!)).toMatch(/"ticket":"[A-Za-z0-9_-]{43}"/);
      w.close();

      // Replayed (a copy from a log, a proxy's history): refused.
      const replay = new AbortController();
      const res = await fetch(streams[0]!, { headers: { "x-forwarded-for": "192.0.2.3" }, signal: replay.signal });
      const reader = res.body!.getReader();
      let text = "";
      const until = Date.now() + 3_000;
      while (!/UNAUTHORIZED|serialized-error/.test(text) && Date.now() < until) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
      replay.abort();
      expect(text).toMatch(/UNAUTHORIZED/);
    });
  },
  60_000,
);
