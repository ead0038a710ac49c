import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { FlowRuntime } from "@guichet/api";
import { outboxBacklog, type Database } from "@guichet/db";
import type { OutboxStore } from "@guichet/mail";

/**
 * Prometheus metrics, on a port of their own (METRICS_PORT; off by default): never on the public port,
 * where a citizen could read them. Loaded only when switched on.
 */
export interface Metrics {
  /** The runtime with each move timed and counted. */
  instrumentFlows(flows: FlowRuntime): FlowRuntime;
  /** The outbox store with each outcome counted (sent, failed to be retried, given up). */
  instrumentOutbox(store: OutboxStore): OutboxStore;
  /** A call refused by a throttle (429), by tRPC procedure. */
  throttled(path: string): void;
  /** Where the number of open live views (server-sent event streams) is read at each scrape. */
  countLiveStreams(count: () => number): void;
  /** The text Prometheus reads. */
  text(): Promise<string>;
  readonly contentType: string;
  /** Serves GET /metrics on its own port; resolves with the address it listens on. */
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

// A step answers in milliseconds; the slowest buckets catch a password hash or a loaded database.
const STEP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function createMetrics(deps: { db: Database; now: () => Date }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const stepSeconds = new Histogram({
    name: "guichet_flow_step_duration_seconds",
    help: "Time to answer a move of a sign-up flow, by the step the answer shows",
    labelNames: ["step"] as const,
    buckets: STEP_BUCKETS,
    registers,
  });
  const moves = new Counter({
    name: "guichet_flow_moves_total",
    help: "Moves sent to a flow: moved, refused (answered with field errors), conflict (a stale version), failed (an error answer)",
    labelNames: ["outcome"] as const,
    registers,
  });
  const throttleHits = new Counter({
    name: "guichet_throttle_refusals_total",
    help: "Calls refused by a throttle (too many requests), by procedure",
    labelNames: ["procedure"] as const,
    registers,
  });
  const mails = new Counter({
    name: "guichet_mail_total",
    help: "Outbox outcomes: sent, failed (to be retried), dead (given up for good)",
    labelNames: ["outcome"] as const,
    registers,
  });
  for (const outcome of ["sent", "failed", "dead"]) mails.inc({ outcome }, 0);
  for (const outcome of ["moved", "refused", "conflict", "failed"]) moves.inc({ outcome }, 0);

  // One query per scrape for both outbox gauges.
  let backlog: Promise<{ depth: number; oldestAgeSeconds: number }> | undefined;
  const readBacklog = () => {
    backlog ??= outboxBacklog(deps.db, deps.now());
    return backlog;
  };
  new Gauge({
    name: "guichet_outbox_depth",
    help: "E-mails waiting in the outbox (neither sent nor given up)",
    registers,
    async collect() {
      this.set((await readBacklog()).depth);
    },
  });
  new Gauge({
    name: "guichet_outbox_oldest_age_seconds",
    help: "Age of the oldest e-mail waiting in the outbox; 0 when it is empty",
    registers,
    async collect() {
      this.set((await readBacklog()).oldestAgeSeconds);
    },
  });
  let liveStreams: () => number = () => 0;
  new Gauge({
    name: "guichet_live_streams_open",
    help: "Live views (server-sent event streams) open on this process",
    registers,
    collect() {
      this.set(liveStreams());
    },
  });

  let server: Server | undefined;
  const text = async () => {
    try {
      return await registry.metrics();
    } finally {
      backlog = undefined;
    }
  };

  return {
    contentType: registry.contentType,
    text,
    instrumentFlows(flows) {
      return {
        ...flows,
        async send(token, version, move, request) {
          const started = performance.now();
          try {
            const view = await flows.send(token, version, move, request);
            stepSeconds.observe({ step: view.step }, (performance.now() - started) / 1000);
            moves.inc({ outcome: Object.keys(view.errors).length > 0 ? "refused" : "moved" });
            return view;
          } catch (error) {
            moves.inc({ outcome: (error as { code?: unknown }).code === "CONFLICT" ? "conflict" : "failed" });
            throw error;
          }
        },
      };
    },
    instrumentOutbox(store) {
      return {
        ...store,
        claimDue: (now, limit) => store.claimDue(now, limit),
        async markSent(id, at) {
          await store.markSent(id, at);
          mails.inc({ outcome: "sent" });
        },
        async markFailed(id, error, nextAttemptAt) {
          mails.inc({ outcome: "failed" });
          await store.markFailed(id, error, nextAttemptAt);
        },
        async markDead(id, error, at) {
          mails.inc({ outcome: "dead" });
          await store.markDead(id, error, at);
        },
      };
    },
    throttled(path) {
      throttleHits.inc({ procedure: path });
    },
    countLiveStreams(count) {
      liveStreams = count;
    },
    listen(port, host) {
      server = createServer((req, res) => {
        if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
          res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
          return;
        }
        text().then(
          (body) => res.writeHead(200, { "content-type": registry.contentType }).end(body),
          () => res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("metrics unavailable\n"),
        );
      });
      const listening = server;
      return new Promise((resolve, reject) => {
        listening.once("error", reject);
        listening.listen(port, host, () => {
          const { address, port: bound } = listening.address() as AddressInfo;
          resolve(`http://${address.includes(":") ? `[${address}]` : address}:${bound}`);
        });
      });
    },
    async close() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
  };
}
