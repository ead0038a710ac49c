import { toDate } from "../toDate";
import type { Runner } from "../transaction";

/** The account's row as "Mes données" shows it: never its password's hash. */
export interface HeldAccount {
  readonly id: string;
  readonly username: string;
  readonly email: string;
  readonly civilite: string;
  readonly nomUsuel: string;
  readonly prenoms: string;
  /** Identity, address, contacts and service keys as stored (JSON). */
  readonly profile: string;
  readonly status: "pending" | "active";
  /** The sign-up that made it. */
  readonly flowId: string;
  readonly createdAt: Date;
  readonly activatedAt: Date | null;
}

/** A flow kept about the citizen: a démarche of their account, or a sign-up draft given their address. */
export interface HeldFlow {
  readonly id: string;
  readonly kind: string;
  readonly step: string;
  readonly status: string;
  /** The machine's snapshot (JSON): the démarche's answers. */
  readonly snapshot: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly expiresAt: Date;
}

/** Everything the database holds about one account, for "Mes données"; no hash, no token. */
export interface HeldData {
  readonly account: HeldAccount;
  readonly photo?: { readonly mime: string; readonly data: Buffer };
  readonly sessions: ReadonlyArray<{ readonly createdAt: Date; readonly lastSeenAt: Date; readonly expiresAt: Date }>;
  /** The account's démarches of "Mon espace", finished or not. */
  readonly demarches: ReadonlyArray<HeldFlow>;
  /** Unfinished sign-ups whose snapshot holds the account's address (whoever typed it). */
  readonly signUpDrafts: ReadonlyArray<HeldFlow>;
  /** E-mails queued or sent about the account (to any address it had), or to its current address. */
  readonly mails: ReadonlyArray<{
    readonly template: string;
    readonly recipient: string;
    readonly createdAt: Date;
    readonly sentAt: Date | null;
    readonly deadAt: Date | null;
  }>;
  /** The services' keys this account claimed. */
  readonly serviceKeys: ReadonlyArray<{ readonly serviceId: string; readonly key: string }>;
  /** Links and codes issued to the account (activation, reset, new address), by kind and dates only. */
  readonly secrets: ReadonlyArray<{ readonly kind: string; readonly createdAt: Date; readonly expiresAt: Date; readonly usedAt: Date | null }>;
}

/** What erasing an account removed or anonymised, per table. */
export interface ErasureCounts {
  readonly accounts: number;
  readonly flows: number;
  readonly photos: number;
  readonly sessions: number;
  readonly secrets: number;
  readonly resumeSeals: number;
  readonly captchas: number;
  readonly franceConnectLogins: number;
  readonly serviceKeysReleased: number;
  readonly mailsDeleted: number;
  readonly mailsAnonymised: number;
}

/** What stands for the address in the e-mails kept after an erasure: their dates, not to whom. */
export const ERASED_RECIPIENT = "adresse-effacee";

const orNull = (v: unknown) => (v === null || v === undefined ? null : toDate(v));
const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");
// LIKE's own characters in an address (a "_" is common) are matched as themselves.
const likeEscaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type RawFlow = { id: string; kind: string; step: string; status: string; snapshot: string; created_at: unknown; updated_at: unknown; expires_at: unknown };
const readFlow = (r: RawFlow): HeldFlow => ({
  id: r.id,
  kind: r.kind,
  step: r.step,
  status: r.status,
  snapshot: r.snapshot,
  createdAt: toDate(r.created_at),
  updatedAt: toDate(r.updated_at),
  expiresAt: toDate(r.expires_at),
});
const FLOW_COLUMNS = "id, kind, step, status, snapshot, created_at, updated_at, expires_at";

/**
 * Every row about one account, across the tables: what "Mes données" hands the citizen, and what
 * "Supprimer mon espace" erases (in the caller's transaction).
 */
export function personalDataRepository(db: Runner) {
  /** The sign-up that made the account and the account's démarches. */
  async function flowIdsOf(accountId: string, signUpFlowId: string): Promise<string[]> {
    const rows = await db.execute<{ id: string }>("select id from flow where account_id = ?", [accountId]);
    return [signUpFlowId, ...rows.map((r) => r.id)];
  }

  return {
    /** Undefined when there is no such account. */
    async heldAbout(accountId: string, now: Date): Promise<HeldData | undefined> {
      const rows = await db.execute<Record<string, unknown>>(
        "select id, username, email, email_key, civilite, nom_usuel, prenoms, profile, status, flow_id, created_at, activated_at from account where id = ?",
        [accountId],
      );
      const a = rows[0];
      if (!a) return undefined;
      const account: HeldAccount = {
        id: a.id as string,
        username: a.username as string,
        email: a.email as string,
        civilite: a.civilite as string,
        nomUsuel: a.nom_usuel as string,
        prenoms: a.prenoms as string,
        profile: a.profile as string,
        status: a.status as HeldAccount["status"],
        flowId: a.flow_id as string,
        createdAt: toDate(a.created_at),
        activatedAt: orNull(a.activated_at),
      };
      const emailKey = a.email_key as string;
      const photo = (
        await db.execute<{ mime: string; data: Buffer }>("select mime, data from photo where flow_id = ? order by created_at desc limit 1", [account.flowId])
      )[0];
      const sessions = await db.execute<{ created_at: unknown; last_seen_at: unknown; expires_at: unknown }>(
        "select created_at, last_seen_at, expires_at from session where account_id = ? and expires_at > ? order by created_at",
        [accountId, now],
      );
      const demarches = await db.execute<RawFlow>(`select ${FLOW_COLUMNS} from flow where account_id = ? order by created_at`, [accountId]);
      // The address as JSON writes it in a snapshot's answers; checked again by the caller, field by field.
      const quoted = likeEscaped(JSON.stringify(emailKey));
      const drafts = await db.execute<RawFlow>(
        `select ${FLOW_COLUMNS} from flow where kind = 'registration' and status = 'active' and account_id is null and id <> ? and expires_at > ? and lower(snapshot) like ? escape '\\' order by created_at`,
        [account.flowId, now, `%"courriel":${quoted}%`],
      );
      const mails = await db.execute<{ template: string; recipient: string; created_at: unknown; sent_at: unknown; dead_at: unknown }>(
        "select template, recipient, created_at, sent_at, dead_at from outbox where account_id = ? or lower(recipient) = ? order by created_at",
        [accountId, emailKey],
      );
      const keys = await db.execute<{ service_id: string; key: string }>(
        "select service_id, key from service_citizen where claimed_by = ? order by service_id",
        [accountId],
      );
      const secrets = await db.execute<{ kind: string; created_at: unknown; expires_at: unknown; used_at: unknown }>(
        "select kind, created_at, expires_at, used_at from secret where subject_id = ? order by created_at",
        [accountId],
      );
      return {
        account,
        ...(photo ? { photo: { mime: photo.mime, data: Buffer.from(photo.data) } } : {}),
        sessions: sessions.map((s) => ({ createdAt: toDate(s.created_at), lastSeenAt: toDate(s.last_seen_at), expiresAt: toDate(s.expires_at) })),
        demarches: demarches.map(readFlow),
        signUpDrafts: drafts.map(readFlow),
        mails: mails.map((m) => ({
          template: m.template,
          recipient: m.recipient,
          createdAt: toDate(m.created_at),
          sentAt: orNull(m.sent_at),
          deadAt: orNull(m.dead_at),
        })),
        serviceKeys: keys.map((k) => ({ serviceId: k.service_id, key: k.key })),
        secrets: secrets.map((s) => ({ kind: s.kind, createdAt: toDate(s.created_at), expiresAt: toDate(s.expires_at), usedAt: orNull(s.used_at) })),
      };
    },

    /**
     * Erases the account and everything that hangs on it, to be run in the caller's transaction: its
     * sign-up and démarches with their photos, captchas, resume codes and FranceConnect logins, its
     * sessions and secrets (links, codes, an address waiting for its confirmation); its service keys
     * released for another sign-up; e-mails to its address not sent yet deleted, those sent kept as
     * dates only (no address, no content). `running`, the démarche doing the erasure, is only detached
     * from the account: its runtime deletes it once its final page is drawn. Undefined when there is no
     * such account.
     */
    async erase(accountId: string, running?: string): Promise<ErasureCounts | undefined> {
      const rows = await db.execute<{ flow_id: string; email_key: string }>("select flow_id, email_key from account where id = ?", [accountId]);
      const a = rows[0];
      if (!a) return undefined;
      if (running) await db.execute("update flow set account_id = null where id = ? and account_id = ?", [running, accountId]);
      const flows = await flowIdsOf(accountId, a.flow_id);
      const inFlows = `(${placeholders(flows.length)})`;
      const count = async (sql: string, params: unknown[]) => (await db.execute(`${sql} returning 1 as gone`, params)).length;
      const photos = await count(`delete from photo where flow_id in ${inFlows}`, flows);
      const captchas = await count(`delete from captcha where flow_id in ${inFlows}`, flows);
      const resumeSeals = await count(`delete from resume_seal where flow_id in ${inFlows}`, flows);
      const franceConnectLogins = await count(`delete from franceconnect_login where flow_id in ${inFlows}`, flows);
      const secrets = await count(`delete from secret where subject_id in (${placeholders(flows.length + 1)})`, [accountId, ...flows]);
      const flowCount = await count(`delete from flow where id in ${inFlows}`, flows);
      const sessions = await count("delete from session where account_id = ?", [accountId]);
      const serviceKeysReleased = await count("update service_citizen set claimed_by = null where claimed_by = ?", [accountId]);
      // Its e-mails: those about it (to any address it had) and those to its current address.
      const mailsDeleted = await count("delete from outbox where (account_id = ? or lower(recipient) = ?) and sent_at is null and dead_at is null", [
        accountId,
        a.email_key,
      ]);
      const mailsAnonymised = await count(
        "update outbox set recipient = ?, data = '{}', last_error = null, account_id = null where account_id = ? or lower(recipient) = ?",
        [ERASED_RECIPIENT, accountId, a.email_key],
      );
      const accounts = await count("delete from account where id = ?", [accountId]);
      return {
        accounts,
        flows: flowCount,
        photos,
        sessions,
        secrets,
        resumeSeals,
        captchas,
        franceConnectLogins,
        serviceKeysReleased,
        mailsDeleted,
        mailsAnonymised,
      };
    },
  };
}
export type PersonalDataRepository = ReturnType<typeof personalDataRepository>;
