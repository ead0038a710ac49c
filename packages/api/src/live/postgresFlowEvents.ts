import type pg from "pg";
import { flowNotifications } from "@guichet/db";
import type { FlowEvent, FlowEvents } from "./FlowEvents";
import { inProcessFlowEvents } from "./inProcessFlowEvents";

/** The one channel every Guichet process listens on; payloads say which flow. */
export const FLOW_EVENTS_CHANNEL = "guichet_flow";

export interface PostgresFlowEventsOptions {
  /** The PostgreSQL URL the processes share (DATABASE_URL). */
  readonly connectionString: string;
  readonly channel?: string;
  /** How often the listening connection is checked; a dead one is replaced. */
  readonly heartbeatMs?: number;
  /** Longest wait between two reconnection attempts. */
  readonly maxRetryMs?: number;
  readonly log?: Pick<Console, "warn">;
}

export interface PostgresFlowEvents extends FlowEvents {
  listenerCount(flowId?: string): number;
  /** True while the LISTEN connection is up (other processes' events are heard). */
  connected(): boolean;
  /** Times the listening connection was replaced after an error. */
  reconnections(): number;
}

// A version past any real one: "re-read this flow, you may have missed something".
const RECHECK = Number.MAX_SAFE_INTEGER;
const MAX_PENDING = 10_000;

/** `m:<version>:<flow id>` or `r:<version>:<flow id>`: a few dozen bytes, far below NOTIFY's 8000. */
const encode = (flowId: string, event: FlowEvent) => `${event.kind === "moved" ? "m" : "r"}:${event.version}:${flowId}`;
function decode(payload: string): { flowId: string; event: FlowEvent } | undefined {
  const match = /^([mr]):(\d+):(.+)$/.exec(payload);
  if (!match) return undefined;
  const version = Number(match[2]);
  return { flowId: match[3]!, event: { kind: match[1] === "m" ? "moved" : "resumed", version } };
}

/**
 * Flow events shared by every process on one PostgreSQL database (LISTEN/NOTIFY). Each process keeps
 * one dedicated connection that listens and also carries its NOTIFYs, batched; its own listeners are
 * told at once in memory, and notifications coming back from its own connection are skipped.
 * When that connection fails it is replaced with back-off; meanwhile NOTIFYs wait (up to 10,000), and
 * once it is back every flow watched here gets a re-check event, since moves made elsewhere in
 * between were not heard. Delivery stays best effort, as the interface says.
 */
export async function postgresFlowEvents(options: PostgresFlowEventsOptions): Promise<PostgresFlowEvents> {
  const channel = options.channel ?? FLOW_EVENTS_CHANNEL;
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name: ${channel}`);
  // Imported here, not at start: a process on SQLite never loads pg.
  const { default: pgClient } = await import("pg");
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  const log = options.log ?? console;

  // This process's own views: told at once, whatever PostgreSQL does.
  const local = inProcessFlowEvents();
  let client: pg.Client | undefined;
  let closing = false;
  let reconnections = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let pending: string[] = [];
  let flushing = false;
  let flushScheduled = false;

  const deliver = (flowId: string, event: FlowEvent) => local.publish(flowId, event);

  async function connect(): Promise<pg.Client> {
    const next = new pgClient.Client({ connectionString: options.connectionString, keepAlive: true, application_name: "guichet-flow-events" });
    // Attached before connecting: an 'error' event without a listener would kill the process.
    next.on("error", (err) => lost(next, err));
    next.on("end", () => lost(next, new Error("connection ended")));
    next.on("notification", (msg) => {
      if (msg.channel !== channel || !msg.payload) return;
      if (msg.processId === (next as unknown as { processID?: number }).processID) return; // our own NOTIFY, already delivered
      const decoded = decode(msg.payload);
      if (decoded) deliver(decoded.flowId, decoded.event);
    });
    try {
      await next.connect();
      await flowNotifications(next).listen(channel);
    } catch (err) {
      next.removeAllListeners("end");
      next.on("error", () => {});
      await next.end().catch(() => {});
      throw err;
    }
    return next;
  }

  function lost(which: pg.Client, err: Error) {
    if (which !== client || closing) return;
    client = undefined;
    log.warn(`flow events: LISTEN connection lost (${err.message}); reconnecting`);
    which.removeAllListeners("end");
    which.on("error", () => {});
    which.end().catch(() => {});
    reconnect(100);
  }

  function reconnect(delay: number) {
    if (closing || retryTimer) return;
    // Fire and forget: the attempt catches its own failure and schedules the next one.
    retryTimer = setTimeout(
      () =>
        void (async () => {
          retryTimer = undefined;
          if (closing) return;
          try {
            const next = await connect();
            if (closing) {
              await next.end().catch(() => {});
              return;
            }
            client = next;
            reconnections++;
            await recheck(next);
            scheduleFlush();
          } catch (err) {
            log.warn(`flow events: reconnection failed (${(err as Error).message})`);
            reconnect(Math.min(delay * 2, maxRetryMs));
          }
        })(),
      delay * (0.75 + Math.random() / 2),
    );
  }

  /** After a gap, every flow watched here is told its current version (or to re-read, if gone). */
  async function recheck(on: pg.Client) {
    const ids = local.watchedFlows();
    if (ids.length === 0) return;
    let versions = new Map<string, number>();
    try {
      versions = await flowNotifications(on).versions(ids);
    } catch {
      // Unknown versions: every watcher re-reads.
    }
    for (const id of ids) deliver(id, { kind: "moved", version: versions.get(id) ?? RECHECK });
  }

  function scheduleFlush() {
    if (flushScheduled || flushing || pending.length === 0) return;
    flushScheduled = true;
    setImmediate(() => void flush());
  }

  /** Every NOTIFY gathered since the last flush, in one round trip. */
  async function flush() {
    flushScheduled = false;
    const on = client;
    if (!on || flushing || pending.length === 0) return;
    flushing = true;
    const batch = pending;
    pending = [];
    try {
      await flowNotifications(on).notifyAll(channel, batch);
    } catch (err) {
      // The connection is failing: keep the batch for the next one.
      pending = batch.concat(pending).slice(-MAX_PENDING);
      log.warn(`flow events: NOTIFY failed (${(err as Error).message})`);
    } finally {
      flushing = false;
    }
    if (client) scheduleFlush();
  }

  client = await connect();
  const heartbeat = setInterval(() => {
    const on = client;
    if (!on || closing) return;
    const timeout = setTimeout(() => lost(on, new Error("heartbeat timed out")), Math.min(10_000, heartbeatMs));
    flowNotifications(on)
      .ping()
      .then(
        () => clearTimeout(timeout),
        (err: Error) => {
          clearTimeout(timeout);
          lost(on, err);
        },
      );
  }, heartbeatMs);
  heartbeat.unref();

  return {
    publish(flowId: string, event: FlowEvent) {
      deliver(flowId, event);
      pending.push(encode(flowId, event));
      if (pending.length > MAX_PENDING) pending.splice(0, pending.length - MAX_PENDING);
      scheduleFlush();
    },
    subscribe: local.subscribe,
    async close() {
      closing = true;
      clearInterval(heartbeat);
      if (retryTimer) clearTimeout(retryTimer);
      // NOTIFYs still waiting go out before the connection closes.
      while (flushing) await new Promise((r) => setTimeout(r, 5));
      const on = client;
      client = undefined;
      if (on) {
        if (pending.length)
          await flowNotifications(on)
            .notifyAll(channel, pending.splice(0))
            .catch(() => {});
        on.removeAllListeners("end");
        await on.end().catch(() => {});
      }
      await local.close();
    },
    listenerCount: local.listenerCount,
    connected: () => client !== undefined,
    reconnections: () => reconnections,
  };
}
