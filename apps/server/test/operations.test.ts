import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { defaultAbuseLimits } from "@guichet/api";
import { READINESS_SHARED_MS } from "../src/httpServer";
import { testEngines } from "./engines";
import { startTestServer, type TestServer } from "./testServer";

/** One metric's value from Prometheus' text format; undefined when the series is absent. */
function metric(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(testEngines)("operations endpoints on %s", (engine) => {
  describe("readiness", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ GUICHET_WORKER: "off" }, { engine });
    });
    afterAll(async () => {
      await server.close().catch(() => undefined);
    });

    it("/readyz answers 200 while the database answers, 503 in plain JSON once it is gone, /healthz stays up", async () => {
      const up = await fetch(`${server.url}/readyz`);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ ok: true, database: "up" });

      await server.guichet.db.close();
      // One ping answers every /readyz of its second (READINESS_SHARED_MS): the next one finds the database gone.
      await new Promise((resolve) => setTimeout(resolve, READINESS_SHARED_MS + 50));
      const down = await fetch(`${server.url}/readyz`);
      expect(down.status).toBe(503);
      expect(down.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await down.json()).toEqual({ ok: false, database: "down" });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });
  });

  describe("metrics", () => {
    let server: TestServer;
    let metricsUrl: string;
    beforeAll(async () => {
      // One flow start per address and minute, so the second one meets the throttle.
      const limits = { ...defaultAbuseLimits, flowStart: { ...defaultAbuseLimits.flowStart, perAddressBurst: { max: 1, windowMs: 60_000 } } };
      server = await startTestServer({ GUICHET_WORKER: "off", METRICS_PORT: "0" }, { engine, limits });
      metricsUrl = await server.guichet.metrics!.listen(0, "127.0.0.1");
    });
    afterAll(async () => {
      await server?.close();
    });
    const scrape = async () => {
      const res = await fetch(`${metricsUrl}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      return res.text();
    };

    it("is off by default: no metrics without METRICS_PORT, and never on the public port", async () => {
      const plain = await startTestServer({ GUICHET_WORKER: "off" }, { engine });
      try {
        expect(plain.guichet.metrics).toBeUndefined();
        expect((await fetch(`${plain.url}/metrics`)).status).toBe(404);
      } finally {
        await plain.close();
      }
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    });

    it("counts moves, refusals, step latency by step, throttle hits and live streams", async () => {
      let view = await server.client.flow.start.mutate();
      view = await server.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
      view = await server.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: { accepted: true } } });
      expect(view.step).toBe("identity");
      const refused = await server.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: { nomUsuel: "" } } });
      expect(Object.keys(refused.errors).length).toBeGreaterThan(0);
      await expect(server.client.flow.send.mutate({ token: view.token, version: view.version - 1, move: { type: "BACK" } })).rejects.toBeInstanceOf(
        TRPCClientError,
      );
      await expect(server.client.flow.start.mutate()).rejects.toThrow(TRPCClientError);

      const text = await scrape();
      expect(metric(text, 'guichet_flow_moves_total{outcome="moved"}')).toBe(2);
      expect(metric(text, 'guichet_flow_moves_total{outcome="refused"}')).toBe(1);
      expect(metric(text, 'guichet_flow_moves_total{outcome="conflict"}')).toBe(1);
      expect(metric(text, 'guichet_flow_step_duration_seconds_count{step="identity"}')).toBe(2);
      expect(metric(text, 'guichet_flow_step_duration_seconds_count{step="terms"}')).toBe(1);
      expect(metric(text, 'guichet_throttle_refusals_total{procedure="flow.start"}')).toBe(1);
      expect(metric(text, "guichet_live_streams_open")).toBe(0);
      expect(metric(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
    });

    it("reads the outbox depth and the age of its oldest e-mail, and counts e-mails sent and given up", async () => {
      const db = server.guichet.db;
      const hourAgo = new Date(Date.now() - 3_600_000);
      const queue = (data: unknown) =>
        db.execute(
          "insert into outbox (id, template, recipient, data, attempts, next_attempt_at, claimed_until, sent_at, last_error, created_at) values (?, 'resume', ?, ?, 0, ?, null, null, null, ?)",
          [randomUUID(), "marc.boyet@example.fr", JSON.stringify(data), hourAgo, hourAgo],
        );
      await queue({ resumeUrl: "https://guichet.example.fr/reprendre/r1" });
      await queue({ resumeUrl: "pas une adresse" });

      const before = await scrape();
      expect(metric(before, "guichet_outbox_depth")).toBe(2);
      expect(metric(before, "guichet_outbox_oldest_age_seconds")).toBeGreaterThanOrEqual(3_500);

      await server.guichet.outbox.drain();
      const after = await scrape();
      expect(metric(after, 'guichet_mail_total{outcome="sent"}')).toBe(1);
      expect(metric(after, 'guichet_mail_total{outcome="dead"}')).toBe(1);
      expect(metric(after, 'guichet_mail_total{outcome="failed"}')).toBe(0);
      expect(metric(after, "guichet_outbox_depth")).toBe(0);
      expect(metric(after, "guichet_outbox_oldest_age_seconds")).toBe(0);
    });
  });
});
