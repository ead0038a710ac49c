import type { Database } from "./openDatabase";
import { preparedQueries } from "./preparedQueries";
import { replaceFlowToken } from "./flowRecovery";

export interface FlowRecord {
  id: string;
  /** The flow definition it runs; "registration" for every flow saved before there were others. */
  kind: string;
  snapshot: string;
  version: number;
  machineVersion: number;
  step: string;
  status: "active" | "done" | "cancelled";
  /** The account a démarche of "Mon espace" belongs to; null for the sign-up. */
  accountId: string | null;
  updatedAt: Date;
  expiresAt: Date;
}

export interface FlowWrite {
  /** Written when the flow is created, never changed; "registration" when not given. */
  kind?: string;
  snapshot: string;
  machineVersion: number;
  step: string;
  status: FlowRecord["status"];
  expiresAt: Date;
}

// SQLite hands dates back as epoch milliseconds, PostgreSQL as text.
const toDate = (v: unknown) => new Date(typeof v === "string" && /^\d+$/.test(v) ? Number(v) : (v as string | number));

const COLUMNS = "id, kind, snapshot, version, machine_version, step, status, account_id, updated_at, expires_at";

/**
 * The flow store's hot path in plain parameterised SQL: the unit of work costs more than the rest of a
 * step together (ARCHITECTURE.md, measured figures). The read by token and the compare-and-set, run at
 * every step, are prepared statements kept per connection (preparedQueries.ts).
 */
export function flowStore(db: Database) {
  const prepared = preparedQueries(db);
  const read = (row: Record<string, unknown>): FlowRecord => ({
    id: row.id as string,
    kind: row.kind as string,
    snapshot: row.snapshot as string,
    version: Number(row.version),
    machineVersion: Number(row.machine_version),
    step: row.step as string,
    status: row.status as FlowRecord["status"],
    accountId: (row.account_id as string | null | undefined) ?? null,
    updatedAt: toDate(row.updated_at),
    expiresAt: toDate(row.expires_at),
  });

  return {
    /** `accountId`: the account a démarche of "Mon espace" belongs to, kept for the flow's life. */
    async create(id: string, tokenHash: string, write: FlowWrite, now: Date, accountId?: string): Promise<FlowRecord> {
      await db.execute(
        "insert into flow (id, token_hash, kind, snapshot, version, machine_version, step, status, account_id, created_at, updated_at, expires_at) values (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)",
        [
          id,
          tokenHash,
          write.kind ?? "registration",
          write.snapshot,
          write.machineVersion,
          write.step,
          write.status,
          accountId ?? null,
          now,
          now,
          write.expiresAt,
        ],
      );
      return { id, version: 1, updatedAt: now, ...write, kind: write.kind ?? "registration", accountId: accountId ?? null };
    },

    /** "Mes démarches en cours": the account's unfinished, unexpired flows, the latest moved first. */
    async unfinishedOfAccount(accountId: string, now: Date, limit = 50): Promise<FlowRecord[]> {
      const rows = await db.execute(
        `select ${COLUMNS} from flow where account_id = ? and status = 'active' and expires_at > ? order by updated_at desc limit ?`,
        [accountId, now, limit],
      );
      return rows.map(read);
    },

    /**
     * Deletes the account's flows of that kind that expired unfinished: the purge would, later; a new one
     * of the kind cannot be started while they hold its place (one unfinished démarche per kind and account).
     */
    async deleteExpiredOfAccount(accountId: string, kind: string, now: Date): Promise<void> {
      await db.execute("delete from flow where account_id = ? and kind = ? and status = 'active' and expires_at <= ?", [accountId, kind, now]);
    },

    /**
     * Gives a live flow a new token (its hash): the old one stops opening it (another device's view, a
     * resume). False when the flow has ended or expired meanwhile.
     */
    async replaceToken(id: string, tokenHash: string, now: Date): Promise<boolean> {
      return replaceFlowToken(db, id, tokenHash, now);
    },

    /** A flow by the hash of its token; expired flows are not found. */
    async findByTokenHash(tokenHash: string, now: Date): Promise<FlowRecord | undefined> {
      const rows = await prepared.all("guichet_flow_by_token", `select ${COLUMNS} from flow where token_hash = ? and expires_at > ?`, [tokenHash, now]);
      return rows[0] ? read(rows[0]) : undefined;
    },

    async findById(id: string): Promise<FlowRecord | undefined> {
      const rows = await prepared.all("guichet_flow_by_id", `select ${COLUMNS} from flow where id = ?`, [id]);
      return rows[0] ? read(rows[0]) : undefined;
    },

    /** Writes only if nobody wrote since `version` was read; false means a conflict. */
    async compareAndSet(id: string, version: number, write: FlowWrite, now: Date): Promise<boolean> {
      const rows = await prepared.all<{ version: number }>(
        "guichet_flow_compare_and_set",
        "update flow set snapshot = ?, version = version + 1, machine_version = ?, step = ?, status = ?, updated_at = ?, expires_at = ? where id = ? and version = ? returning version",
        [write.snapshot, write.machineVersion, write.step, write.status, now, write.expiresAt, id, version],
      );
      return rows.length === 1;
    },

    async delete(id: string): Promise<void> {
      await db.execute("delete from flow where id = ?", [id]);
    },

    async recent(limit: number): Promise<FlowRecord[]> {
      const rows = await db.execute(`select ${COLUMNS} from flow order by updated_at desc limit ?`, [limit]);
      return rows.map(read);
    },
  };
}
export type FlowStore = ReturnType<typeof flowStore>;
