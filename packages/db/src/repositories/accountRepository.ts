import { emailSkeleton } from "../emailSkeleton";
import type { Runner } from "../transaction";

/** An account as the account pages need it. */
export interface AccountRow {
  readonly id: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly email: string;
  readonly civilite: "Madame" | "Monsieur";
  readonly nomUsuel: string;
  readonly status: "pending" | "active";
  readonly profile: string;
}

/** What a new account is made of; the lower-cased keys are derived here, once. */
export interface NewAccount {
  readonly id: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly email: string;
  readonly civilite: string;
  readonly nomUsuel: string;
  readonly prenoms: string;
  readonly profile: string;
  readonly flowId: string;
  readonly createdAt: Date;
  /** FranceConnect's identifier of the citizen, when FranceConnect certified the identity. */
  readonly franceConnectSub?: string;
}

const COLUMNS = "id, username, password_hash, email, civilite, nom_usuel, status, profile";

const read = (r: Record<string, unknown>): AccountRow => ({
  id: r.id as string,
  username: r.username as string,
  passwordHash: r.password_hash as string,
  email: r.email as string,
  civilite: r.civilite as AccountRow["civilite"],
  nomUsuel: r.nom_usuel as string,
  status: r.status as AccountRow["status"],
  profile: r.profile as string,
});

const first = (rows: Record<string, unknown>[]) => (rows[0] ? read(rows[0]) : undefined);

/** The `account` table. */
export function accountRepository(db: Runner) {
  return {
    async byId(id: string): Promise<AccountRow | undefined> {
      return first(await db.execute(`select ${COLUMNS} from account where id = ?`, [id]));
    },
    /** By username, whatever its case. */
    async byUsername(username: string): Promise<AccountRow | undefined> {
      return first(await db.execute(`select ${COLUMNS} from account where username_key = ?`, [username.trim().toLowerCase()]));
    },
    /** The oldest account of an address, whatever its case. */
    async byEmail(email: string): Promise<AccountRow | undefined> {
      return first(await db.execute(`select ${COLUMNS} from account where email_key = ? order by created_at limit 1`, [email.trim().toLowerCase()]));
    },
    /** The oldest account of an address or of one that looks like it (the same TR39 skeleton, see emailSkeleton). */
    async byEmailLookalike(email: string): Promise<AccountRow | undefined> {
      return first(
        await db.execute(`select ${COLUMNS} from account where email_key = ? or email_skeleton = ? order by created_at limit 1`, [
          email.trim().toLowerCase(),
          emailSkeleton(email),
        ]),
      );
    },
    /** The account a flow made, if it made one. */
    async byFlowId(flowId: string): Promise<AccountRow | undefined> {
      return first(await db.execute(`select ${COLUMNS} from account where flow_id = ?`, [flowId]));
    },
    /** The espace FranceConnect's identifier was given to at sign-up. */
    async byFranceConnectSub(sub: string): Promise<AccountRow | undefined> {
      return first(await db.execute(`select ${COLUMNS} from account where franceconnect_sub = ?`, [sub]));
    },
    async usernameTaken(username: string): Promise<boolean> {
      return (await db.execute("select 1 from account where username_key = ?", [username.toLowerCase()])).length > 0;
    },
    /** Throws a unique violation (see `isUniqueViolation`) when the username or the flow already has an account. */
    async insert(a: NewAccount): Promise<void> {
      await db.execute(
        "insert into account (id, username, username_key, password_hash, email, email_key, email_skeleton, civilite, nom_usuel, prenoms, profile, status, flow_id, created_at, activated_at, franceconnect_sub) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, null, ?)",
        [
          a.id,
          a.username,
          a.username.toLowerCase(),
          a.passwordHash,
          a.email,
          a.email.trim().toLowerCase(),
          emailSkeleton(a.email),
          a.civilite,
          a.nomUsuel,
          a.prenoms,
          a.profile,
          a.flowId,
          a.createdAt,
          a.franceConnectSub ?? null,
        ],
      );
    },
    /** A pending account becomes active; false when it was not pending. */
    async activate(id: string, at: Date): Promise<boolean> {
      const rows = await db.execute("update account set status = 'active', activated_at = ? where id = ? and status = 'pending' returning id", [at, id]);
      return rows.length === 1;
    },
    async setPasswordHash(id: string, passwordHash: string): Promise<void> {
      await db.execute("update account set password_hash = ? where id = ?", [passwordHash, id]);
    },
    /** The stored profile, locked until the transaction ends on PostgreSQL (SQLite writers are serialised anyway). */
    async profileForUpdate(id: string): Promise<string | undefined> {
      const lock = db.engine === "postgresql" ? " for update" : "";
      const rows = await db.execute<{ profile: string }>(`select profile from account where id = ?${lock}`, [id]);
      return rows[0]?.profile;
    },
    /** The confirmed address changes (a new one, once its link was opened): the lower-cased key and the skeleton with it. */
    async setEmail(id: string, email: string): Promise<void> {
      await db.execute("update account set email = ?, email_key = ?, email_skeleton = ? where id = ?", [
        email,
        email.trim().toLowerCase(),
        emailSkeleton(email),
        id,
      ]);
    },
    async setProfile(id: string, profile: string): Promise<void> {
      await db.execute("update account set profile = ? where id = ?", [profile, id]);
    },
    /** The first names kept beside the profile (after "Modifier mon identité"). */
    async setPrenoms(id: string, prenoms: string): Promise<void> {
      await db.execute("update account set prenoms = ? where id = ?", [prenoms, id]);
    },
  };
}
export type AccountRepository = ReturnType<typeof accountRepository>;
