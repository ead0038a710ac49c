import { randomInt } from "node:crypto";
import type { Database } from "@guichet/db";
import { ACTIVATION_TTL_MS } from "../accountCreation";
import { hashToken, newSecretToken } from "../secretToken";
import { accountRecords, insertSecret, queueMail, type AccountRecord } from "./accountRecords";
import { inTransaction, toDate, type Sql } from "./inTransaction";
import { accountMessages as m } from "./messages";
import { tooManyAttempts } from "./accountErrors";
import type { Throttle } from "./throttle";
import type { MailBudget } from "../mailBudget";

export type ActivationStatus = "activated" | "alreadyActive" | "used" | "expired" | "invalid";

export interface ActivationOutcome {
  readonly status: ActivationStatus;
  readonly message: string;
  /** Shown after activation, to fill in the Connexion form. */
  readonly username?: string;
  /** True when asking for a new e-mail makes sense. */
  readonly canResend: boolean;
}

const outcome = (status: ActivationStatus, username?: string): ActivationOutcome => ({
  status,
  message: m.activation[status],
  ...(username ? { username } : {}),
  canResend: status === "used" || status === "expired" || status === "invalid",
});

export interface ActivationDeps {
  readonly db: Database;
  readonly publicUrl: string;
  readonly now: () => Date;
  readonly throttle: Throttle;
  readonly mailBudget: MailBudget;
  readonly onQueued?: () => void;
}

/**
 * Activation by the e-mailed link or by its 6-digit code, and new activation e-mails on request.
 * A secret is claimed by a conditional update, so two clicks on one link activate once.
 */
export function activation({ db, publicUrl, now, throttle, mailBudget, onQueued }: ActivationDeps) {
  const accounts = accountRecords(db);

  /** Claims a secret and activates its account; false if someone else claimed it first. */
  async function claimAndActivate(sql: Sql, secretId: string, accountId: string, at: Date): Promise<boolean> {
    const claimed = await sql("update secret set used_at = ? where id = ? and used_at is null and expires_at > ? returning id", [at, secretId, at]);
    if (claimed.length === 0) return false;
    await sql("update account set status = 'active', activated_at = ? where id = ? and status = 'pending'", [at, accountId]);
    // The link and the code are one offer: once either is used, both are spent.
    await sql("update secret set used_at = ? where subject_id = ? and kind in ('activation', 'activation-code') and used_at is null", [at, accountId]);
    return true;
  }

  async function activateByLink(token: string): Promise<ActivationOutcome> {
    const at = now();
    return inTransaction(db, async (sql) => {
      const rows = await sql<{ id: string; subject_id: string; expires_at: unknown; used_at: unknown }>(
        "select id, subject_id, expires_at, used_at from secret where hash = ? and kind = 'activation'",
        [hashToken(token)],
      );
      const secret = rows[0];
      if (!secret) return outcome("invalid");
      const account = (await sql<{ status: string; username: string }>("select status, username from account where id = ?", [secret.subject_id]))[0];
      if (!account) return outcome("invalid");
      if (account.status === "active") return outcome("alreadyActive", account.username);
      if (secret.used_at !== null) return outcome("used");
      if (toDate(secret.expires_at) <= at) return outcome("expired");
      return (await claimAndActivate(sql, secret.id, secret.subject_id, at)) ? outcome("activated", account.username) : outcome("alreadyActive", account.username);
    });
  }

  async function activateByCode(identifier: string, code: string, ip: string): Promise<ActivationOutcome | { readonly status: "wrongCode"; readonly message: string }> {
    const account = await accounts.byUsernameOrEmail(identifier);
    // Guesses count against the account whichever of its names is typed, and against the address.
    const wait = await throttle.codeGuess(account?.id ?? `unknown:${identifier}`, ip);
    if (wait) throw tooManyAttempts(wait);
    const wrong = { status: "wrongCode" as const, message: m.activation.codeWrong };
    if (!account) return wrong;
    const at = now();
    const result = await inTransaction(db, async (sql) => {
      const rows = await sql<{ id: string; expires_at: unknown; used_at: unknown }>(
        "select id, expires_at, used_at from secret where hash = ? and kind = 'activation-code' and subject_id = ?",
        [hashToken(`${account.id}:${code}`), account.id],
      );
      const secret = rows[0];
      if (!secret) return wrong;
      const status = (await sql<{ status: string }>("select status from account where id = ?", [account.id]))[0]?.status;
      if (status === "active") return outcome("alreadyActive", account.username);
      if (secret.used_at !== null || toDate(secret.expires_at) <= at) return wrong;
      return (await claimAndActivate(sql, secret.id, account.id, at)) ? outcome("activated", account.username) : outcome("alreadyActive", account.username);
    });
    if (result.status !== "wrongCode") await throttle.codeSucceeded(account.id, ip);
    return result;
  }

  /** New link and code for a pending account; the previous ones stop working. */
  async function issue(account: AccountRecord) {
    const at = now();
    const link = newSecretToken();
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const expiresAt = new Date(at.getTime() + ACTIVATION_TTL_MS);
    await inTransaction(db, async (sql) => {
      const still = await sql("select 1 from account where id = ? and status = 'pending'", [account.id]);
      if (still.length === 0) return;
      await sql("update secret set used_at = ? where subject_id = ? and kind = 'activation' and used_at is null", [at, account.id]);
      // Old codes go: a new code equal to an old one would otherwise collide on the unique hash.
      await sql("delete from secret where subject_id = ? and kind = 'activation-code'", [account.id]);
      await insertSecret(sql, "activation", hashToken(link), account.id, expiresAt, at);
      await insertSecret(sql, "activation-code", hashToken(`${account.id}:${code}`), account.id, expiresAt, at);
      await queueMail(sql, account.email, "activation", {
        civility: account.civilite,
        lastName: account.nomUsuel,
        activationUrl: `${publicUrl}/activation#jeton=${link}`,
        activationCode: code,
      }, at);
    });
    await throttle.codeIssued(account.id);
    onQueued?.();
  }

  /**
   * "Send me a new one", from a spent link (its token names the account) or from a username or
   * e-mail address. Always the same answer, so nobody learns which accounts exist or wait, nor
   * whether the e-mail budget let this one go.
   */
  async function resend(input: { readonly identifier: string } | { readonly token: string }, ip: string): Promise<{ message: string }> {
    let account: AccountRecord | undefined;
    if ("token" in input) {
      const rows = await db.execute<{ subject_id: string }>("select subject_id from secret where hash = ? and kind = 'activation'", [hashToken(input.token)]);
      account = rows[0] ? await accounts.byId(rows[0].subject_id) : undefined;
    } else {
      account = await accounts.byUsernameOrEmail(input.identifier);
    }
    if (account?.status === "pending" && (await mailBudget.allow("activation", account.email, ip))) await issue(account);
    return { message: m.activation.resent };
  }

  return { activateByLink, activateByCode, resend };
}
