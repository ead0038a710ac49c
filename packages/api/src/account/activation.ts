import { randomInt } from "node:crypto";
import { accountRepository, secretRepository, transaction, type Database, type Runner } from "@guichet/db";
import { ACTIVATION_TTL_MS } from "../accountCreation";
import { hashToken, newSecretToken } from "../secretToken";
import { accountRecords, queueMail, type AccountRecord } from "./accountRecords";
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
  async function claimAndActivate(tx: Runner, secretId: string, accountId: string, at: Date): Promise<boolean> {
    const secrets = secretRepository(tx);
    if (!(await secrets.claim(secretId, at, at))) return false;
    await accountRepository(tx).activate(accountId, at);
    // The link and the code are one offer: once either is used, both are spent.
    await secrets.spendAll(accountId, ["activation", "activation-code"], at);
    return true;
  }

  async function activateByLink(token: string): Promise<ActivationOutcome> {
    const at = now();
    return transaction(db, async (tx) => {
      const secret = await secretRepository(tx).find(hashToken(token), "activation");
      if (!secret) return outcome("invalid");
      const account = await accountRepository(tx).byId(secret.subjectId);
      if (!account) return outcome("invalid");
      if (account.status === "active") return outcome("alreadyActive", account.username);
      if (secret.usedAt !== null) return outcome("used");
      if (secret.expiresAt <= at) return outcome("expired");
      return (await claimAndActivate(tx, secret.id, secret.subjectId, at))
        ? outcome("activated", account.username)
        : outcome("alreadyActive", account.username);
    });
  }

  async function activateByCode(
    identifier: string,
    code: string,
    ip: string,
  ): Promise<ActivationOutcome | { readonly status: "wrongCode"; readonly message: string }> {
    const account = await accounts.byIdentifier(identifier);
    // Guesses count against the account whichever of its names is typed, and against the address.
    const wait = await throttle.codeGuess(account?.id ?? `unknown:${identifier}`, ip);
    if (wait) throw tooManyAttempts(wait);
    const wrong = { status: "wrongCode" as const, message: m.activation.codeWrong };
    if (!account) return wrong;
    const at = now();
    const result = await transaction(db, async (tx) => {
      const secret = await secretRepository(tx).find(hashToken(`${account.id}:${code}`), "activation-code", account.id);
      if (!secret) return wrong;
      const status = (await accountRepository(tx).byId(account.id))?.status;
      if (status === "active") return outcome("alreadyActive", account.username);
      if (secret.usedAt !== null || secret.expiresAt <= at) return wrong;
      return (await claimAndActivate(tx, secret.id, account.id, at)) ? outcome("activated", account.username) : outcome("alreadyActive", account.username);
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
    await transaction(db, async (tx) => {
      if ((await accountRepository(tx).byId(account.id))?.status !== "pending") return;
      const secrets = secretRepository(tx);
      await secrets.spendAll(account.id, ["activation"], at);
      // Old codes go: a new code equal to an old one would otherwise collide on the unique hash.
      await secrets.deleteForSubject(account.id, "activation-code");
      await secrets.insert({ kind: "activation", hash: hashToken(link), subjectId: account.id, expiresAt, createdAt: at });
      await secrets.insert({ kind: "activation-code", hash: hashToken(`${account.id}:${code}`), subjectId: account.id, expiresAt, createdAt: at });
      await queueMail(
        tx,
        account.email,
        "activation",
        {
          civility: account.civilite,
          lastName: account.nomUsuel,
          username: account.username,
          activationUrl: `${publicUrl}/activation#jeton=${link}`,
          activationCode: code,
        },
        at,
        account.id,
      );
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
      const secret = await secretRepository(db).find(hashToken(input.token), "activation");
      account = secret ? await accounts.byId(secret.subjectId) : undefined;
    } else {
      account = await accounts.byIdentifier(input.identifier);
    }
    if (account?.status === "pending" && (await mailBudget.allow("activation", account.email, ip))) await issue(account);
    return { message: m.activation.resent };
  }

  return { activateByLink, activateByCode, resend };
}
