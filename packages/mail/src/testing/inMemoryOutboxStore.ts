import { randomUUID } from "node:crypto";
import type { OutboxMessage, OutboxStore } from "../outbox/OutboxStore.js";
import type { TemplateData, TemplateName } from "../templates/templates.js";

export interface InMemoryOutboxRow extends OutboxMessage {
  sentAt?: Date;
  nextAttemptAt: Date;
  claimedUntil?: Date;
  lastError?: string;
  deadAt?: Date;
}

export interface InMemoryOutboxStore extends OutboxStore {
  /** Writes a row, as the account transaction would; due at `at`. */
  enqueue<N extends TemplateName>(message: { template: N; to: string; data: TemplateData[N]; id?: string }, at?: Date): OutboxMessage;
  /** Every row with its state, for assertions. */
  rows(): readonly InMemoryOutboxRow[];
}

/**
 * An outbox store for tests only: one process, no persistence. A claim is a lease, as a database
 * store's would be, so a worker that dies mid-batch does not hold its messages for ever.
 */
export function inMemoryOutboxStore({ leaseMs = 5 * 60_000 } = {}): InMemoryOutboxStore {
  const rows = new Map<string, InMemoryOutboxRow>();

  function row(id: string): InMemoryOutboxRow {
    const found = rows.get(id);
    if (!found) throw new Error(`No outbox row ${id}`);
    return found;
  }

  return {
    enqueue({ template, to, data, id = randomUUID() }, at = new Date()) {
      if (rows.has(id)) throw new Error(`Outbox row ${id} already exists`);
      rows.set(id, { id, template, to, data, attempts: 0, nextAttemptAt: at, createdAt: at });
      return { id, template, to, data, attempts: 0, createdAt: at };
    },
    rows: () => [...rows.values()].map((found) => ({ ...found })),
    async claimDue(now, limit) {
      const due = [...rows.values()]
        .filter((found) => !found.sentAt && !found.deadAt && found.nextAttemptAt <= now && !(found.claimedUntil && found.claimedUntil > now))
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
        .slice(0, limit);
      for (const found of due) found.claimedUntil = new Date(now.getTime() + leaseMs);
      return due.map(({ id, template, to, data, attempts, createdAt }) => ({ id, template, to, data, attempts, createdAt }));
    },
    async markSent(id, at) {
      const found = row(id);
      found.sentAt = at;
      found.claimedUntil = undefined;
    },
    async markFailed(id, error, nextAttemptAt) {
      const found = row(id);
      found.attempts += 1;
      found.lastError = error;
      found.nextAttemptAt = nextAttemptAt;
      found.claimedUntil = undefined;
    },
    async markDead(id, error, at) {
      const found = row(id);
      found.attempts += 1;
      found.lastError = error;
      found.deadAt = at;
      found.data = {};
      found.claimedUntil = undefined;
    },
  };
}
