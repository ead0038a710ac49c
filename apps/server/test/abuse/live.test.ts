import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { abuseMessages, defaultAbuseLimits, type FlowUpdate } from "@guichet/api";
import type { FlowView } from "@guichet/schema";
import { marcBoyet } from "../testServer";
import { testEngines } from "../engines";
import { deviceClient, isView, walkTo, watch } from "../liveClient";
import { startTestServer, type TestServer } from "../testServer";
import { healthzDuring } from "./healthz";

const { perFlow, perAddress } = defaultAbuseLimits.liveViews;
const stormScript = fileURLToPath(new URL("./liveStorm.ts", import.meta.url));
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
    /** Counts the reads of a flow's view (what each opened view cost before the hub kept its last read). */
    const countReads = () => {
      const flows = server.guichet.services.flows;
      const get = flows.get;
      const counter = { count: 0, stop: () => void (flows.get = get) };
      flows.get = (token, client) => {
        counter.count++;
        return get(token, client);
      };
      return counter;
    };

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

    it("keeps /healthz quick through a reconnect storm: 20 loops that open and drop a view, for 10 s, on 10 flows", async () => {
      const flows: FlowView[] = [];
      for (let i = 0; i < 10; i++) flows.push(await walkTo(deviceClient(server.url, { ip: `192.0.2.${100 + i}` }), "identity"));
      const reads = countReads();
      // The loops run in a process of their own, as clients would: the latency measured here is the server's.
      const storm = spawn(
        process.execPath,
        ["--import", "tsx", stormScript, server.url, JSON.stringify(flows.map((f) => ({ token: f.token, version: f.version }))), "20", "10"],
        {
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      const { result, latency } = await healthzDuring(
        server.url,
        () =>
          new Promise<{ opened: number; refused: number }>((resolve, reject) => {
            let output = "";
            storm.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
            storm.once("exit", (code) =>
              code === 0 ? resolve(JSON.parse(output.trim().split("\n").at(-1)!)) : reject(new Error(`the storm exited (${code})`)),
            );
          }),
      );
      reads.stop();
      console.log(
        `[${engine}] /healthz during a reconnect storm (${result.opened} views opened, ${result.refused} refused, ${reads.count} reads of a flow):`,
        JSON.stringify(latency),
      );
      expect(result.opened).toBeGreaterThan(20);
      // A reconnect within a flow's linger reads nothing: about one read per flow (a PostgreSQL reconnection of the
      // listener asks for one more), not one per view opened (before: 48 reads for 22 views, 61 for 45).
      expect(reads.count).toBeLessThanOrEqual(2 * flows.length);
      expect(reads.count).toBeLessThan(result.opened);
      // The aim is 100 ms (the issue: p95 175 ms, p99 322 ms); the bound leaves room for a loaded machine.
      expect(latency.p50).toBeLessThan(100);
      expect(latency.p99).toBeLessThan(1_000);
      await expect.poll(() => hub().count(), { timeout: 5_000 }).toBe(0);
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
