import { randomUUID } from "node:crypto";
import type { Database } from "@guichet/db";
import type { TemplateData, TemplateName } from "@guichet/mail";
import type { Sql } from "./inTransaction";

export interface AccountRecord {
  readonly id: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly email: string;
  readonly civilite: "Madame" | "Monsieur";
  readonly nomUsuel: string;
  readonly status: "pending" | "active";
  readonly profile: string;
}

const COLUMNS = "id, username, password_hash, email, civilite, nom_usuel, status, profile";

const read = (r: Record<string, unknown>): AccountRecord => ({
  id: r.id as string,
  username: r.username as string,
  passwordHash: r.password_hash as string,
  email: r.email as string,
  civilite: r.civilite as AccountRecord["civilite"],
  nomUsuel: r.nom_usuel as string,
  status: r.status as AccountRecord["status"],
  profile: r.profile as string,
});

/** The account table as the account pages need it, in plain SQL. */
export function accountRecords(db: Database) {
  return {
    async byId(id: string): Promise<AccountRecord | undefined> {
      const rows = await db.execute(`select ${COLUMNS} from account where id = ?`, [id]);
      return rows[0] ? read(rows[0]) : undefined;
    },
    async byUsername(username: string): Promise<AccountRecord | undefined> {
      const rows = await db.execute(`select ${COLUMNS} from account where username_key = ?`, [username.trim().toLowerCase()]);
      return rows[0] ? read(rows[0]) : undefined;
    },
    /** What a citizen types when they forgot something: their username, or their e-mail address. */
    async byUsernameOrEmail(identifier: string): Promise<AccountRecord | undefined> {
      const key = identifier.trim().toLowerCase();
      if (!key) return undefined;
      const byName = await db.execute(`select ${COLUMNS} from account where username_key = ?`, [key]);
      if (byName[0]) return read(byName[0]);
      const byEmail = await db.execute(`select ${COLUMNS} from account where email_key = ? order by created_at limit 1`, [key]);
      return byEmail[0] ? read(byEmail[0]) : undefined;
    },
  };
}
export type AccountRecords = ReturnType<typeof accountRecords>;

/** An e-mail for the outbox, written in the caller's transaction so it goes out only if the rest is saved. */
export async function queueMail<N extends TemplateName>(sql: Sql, to: string, template: N, data: TemplateData[N], at: Date) {
  await sql(
    "insert into outbox (id, template, recipient, data, attempts, next_attempt_at, claimed_until, sent_at, last_error, created_at) values (?, ?, ?, ?, 0, ?, null, null, null, ?)",
    [randomUUID(), template, to, JSON.stringify(data), at, at],
  );
}

/** A single-use secret, stored as its hash only. */
export async function insertSecret(sql: Sql, kind: string, hash: string, subjectId: string, expiresAt: Date, at: Date) {
  await sql("insert into secret (id, kind, hash, subject_id, expires_at, used_at, created_at) values (?, ?, ?, ?, ?, null, ?)", [
    randomUUID(), kind, hash, subjectId, expiresAt, at,
  ]);
}
