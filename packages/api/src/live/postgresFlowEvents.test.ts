import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowStore, openDatabase, type Database } from "@guichet/db";
import type { FlowEvent } from "./FlowEvents";
import { postgresFlowEvents, type PostgresFlowEvents } from "./postgresFlowEvents";

const postgresUrl = process.env.GUICHET_TEST_POSTGRES_URL;
if (!postgresUrl) {
  console.warn(
    "\n⚠ PostgreSQL flow events (LISTEN/NOTIFY) SKIPPED: GUICHET_TEST_POSTGRES_URL is not set " +
      "(e.g. postgres://postgres@127.0.0.1:5432/test). CI sets it.\n",
  );
}

const quiet = { warn: () => {} };

/** Everything a listener hears, and a way to wait for one event. */
function heard() {
  const events: FlowEvent[] = [];
  const waiters = new Set<() => void>();
  return {
    events,
    listener: (e: FlowEvent) => {
      events.push(e);
      for (const w of waiters) w();
    },
    until(match: (e: FlowEvent) => boolean, ms = 3_000) {
      return new Promise<FlowEvent>((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`nothing matching within ${ms} ms; heard ${JSON.stringify(events)}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
  };
}

/** Ends the LISTEN connections of this database from outside, as a restarted server or a network cut would. */
async function cutListeners(url: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      "select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = 'guichet-flow-events' and datname = current_database()",
    );
    return rows.length;
  } finally {
    await admin.end();
  }
}

describe.skipIf(!postgresUrl)("flow events over PostgreSQL LISTEN/NOTIFY", () => {
  let url: string;
  let db: Database;
  let a: PostgresFlowEvents;
  let b: PostgresFlowEvents;

  beforeAll(async () => {
    const name = `guichet_t_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(postgresUrl!);
    u.pathname = `/${name}`;
    url = u.toString();
    db = await openDatabase(url);
    // Two processes' worth of events: each has its own LISTEN connection.
    a = await postgresFlowEvents({ connectionString: url, log: quiet, heartbeatMs: 500 });
    b = await postgresFlowEvents({ connectionString: url, log: quiet, heartbeatMs: 500 });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.close();
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
    await admin.end();
  });

  it("tells a listener of one process what another process published, and its own listeners once", async () => {
    const flowId = randomUUID();
    const onA = heard();
    const onB = heard();
    const stopA = a.subscribe(flowId, onA.listener);
    const stopB = b.subscribe(flowId, onB.listener);
    b.publish(flowId, { kind: "moved", version: 2 });
    b.publish(flowId, { kind: "resumed", version: 2 });
    await onA.until((e) => e.kind === "resumed");
    expect(onA.events).toEqual([
      { kind: "moved", version: 2 },
      { kind: "resumed", version: 2 },
    ]);
    // Delivered in memory at once; the NOTIFY coming back to b's own connection is not delivered again.
    await new Promise((r) => setTimeout(r, 200));
    expect(onB.events).toEqual([
      { kind: "moved", version: 2 },
      { kind: "resumed", version: 2 },
    ]);
    stopA();
    stopB();
    expect(a.listenerCount(flowId)).toBe(0);
  });

  it("tells nothing of other flows, nor to a listener that left", async () => {
    const watched = randomUUID();
    const onA = heard();
    const stop = a.subscribe(watched, onA.listener);
    b.publish(randomUUID(), { kind: "moved", version: 5 });
    b.publish(watched, { kind: "moved", version: 3 });
    await onA.until((e) => e.version === 3);
    stop();
    b.publish(watched, { kind: "moved", version: 4 });
    await new Promise((r) => setTimeout(r, 200));
    expect(onA.events).toEqual([{ kind: "moved", version: 3 }]);
  });

  it("reconnects after its connection is cut, tells watchers the version they may have missed, and hears again", async () => {
    const store = flowStore(db);
    const flowId = randomUUID();
    const at = new Date();
    await store.create(
      flowId,
      randomBytes(32).toString("hex"),
      { snapshot: "{}", machineVersion: 1, step: "terms", status: "active", expiresAt: new Date(at.getTime() + 3_600_000) },
      at,
    );
    const gone = randomUUID();
    const onA = heard();
    const onGone = heard();
    a.subscribe(flowId, onA.listener);
    a.subscribe(gone, onGone.listener);
    const before = a.reconnections() + b.reconnections();

    expect(await cutListeners(url)).toBe(2);
    // Moved on b while every LISTEN connection is down: the move is told once b is back, and a re-checks.
    expect(
      await store.compareAndSet(
        flowId,
        1,
        { snapshot: "{}", machineVersion: 1, step: "identity", status: "active", expiresAt: new Date(at.getTime() + 3_600_000) },
        at,
      ),
    ).toBe(true);
    b.publish(flowId, { kind: "moved", version: 2 });

    await expect.poll(() => a.reconnections() + b.reconnections(), { timeout: 5_000 }).toBe(before + 2);
    expect(a.connected() && b.connected()).toBe(true);
    await onA.until((e) => e.kind === "moved" && e.version === 2);
    // A flow that no longer exists: the watcher is asked to re-read (and will find it ended).
    await onGone.until((e) => e.kind === "moved" && e.version === Number.MAX_SAFE_INTEGER);

    b.publish(flowId, { kind: "moved", version: 3 });
    await onA.until((e) => e.version === 3);
  });
});
