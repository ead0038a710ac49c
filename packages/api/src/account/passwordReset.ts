import { accountRepository, secretRepository, transaction, type Database } from "@guichet/db";
import { credentialsSchema, validate, type FieldErrors, type PasswordPolicy } from "@guichet/schema";
import { hashToken, newSecretToken } from "../secretToken";
import { accountRecords, queueMail, type AccountRecord } from "./accountRecords";
import { accountMessages as m } from "./messages";
import type { SessionStore } from "./sessions";
import type { MailBudget } from "../mailBudget";

export const RESET_TTL_MS = 3600_000;

export type ResetLinkView =
  | { readonly status: "valid"; readonly username: string; readonly passwordPolicy: PasswordPolicy }
  | { readonly status: "used" | "expired" | "invalid"; readonly message: string };

export type ResetResult =
  | { readonly ok: true; readonly message: string }
  | { readonly ok: false; readonly errors: FieldErrors }
  | { readonly ok: false; readonly status: "used" | "expired" | "invalid"; readonly message: string };

export interface PasswordResetDeps {
  readonly db: Database;
  readonly publicUrl: string;
  readonly now: () => Date;
  readonly mailBudget: MailBudget;
  readonly sessions: SessionStore;
  readonly passwordPolicy: PasswordPolicy;
  readonly isCommonPassword: (password: string) => boolean;
  readonly hashPassword: (password: string) => Promise<string>;
  readonly onQueued?: () => void;
}

/** « J'ai oublié mon mot de passe »: a link valid 1 hour, used once, to choose a new password. */
export function passwordReset(deps: PasswordResetDeps) {
  const { db, publicUrl, now, mailBudget } = deps;
  const accounts = accountRecords(db);

  /** Always the same sentence; the e-mail goes only to an existing account's address, within the e-mail budget. */
  async function request(identifier: string, ip: string): Promise<{ message: string }> {
    const account = await accounts.byIdentifier(identifier);
    if (account && (await mailBudget.allow("passwordReset", account.email, ip))) {
      const at = now();
      const token = newSecretToken();
      await transaction(db, async (tx) => {
        await secretRepository(tx).insert({
          kind: "reset",
          hash: hashToken(token),
          subjectId: account.id,
          expiresAt: new Date(at.getTime() + RESET_TTL_MS),
          createdAt: at,
        });
        await queueMail(
          tx,
          account.email,
          "passwordReset",
          {
            civility: account.civilite,
            lastName: account.nomUsuel,
            resetUrl: `${publicUrl}/nouveau-mot-de-passe#jeton=${token}`,
          },
          at,
          account.id,
        );
      });
      deps.onQueued?.();
    }
    return { message: m.reset.requested };
  }

  async function find(token: string): Promise<{ secretId: string; account: AccountRecord } | { status: "used" | "expired" | "invalid" }> {
    const secret = await secretRepository(db).find(hashToken(token), "reset");
    const account = secret ? await accounts.byId(secret.subjectId) : undefined;
    if (!secret || !account) return { status: "invalid" };
    if (secret.usedAt !== null) return { status: "used" };
    if (secret.expiresAt <= now()) return { status: "expired" };
    return { secretId: secret.id, account };
  }

  /** What the reset page shows before the citizen types: the username (for the password rules) or why not. */
  async function check(token: string): Promise<ResetLinkView> {
    const found = await find(token);
    if ("status" in found) return { status: found.status, message: m.reset[found.status] };
    return { status: "valid", username: found.account.username, passwordPolicy: deps.passwordPolicy };
  }

  /** The same rules as at sign-up; a good password spends the link, logs out every device and, proving the address, activates. */
  async function complete(token: string, password: string, confirmation: string): Promise<ResetResult> {
    const found = await find(token);
    if ("status" in found) return { ok: false, status: found.status, message: m.reset[found.status] };
    const { account, secretId } = found;
    const checked = validate(credentialsSchema(deps.passwordPolicy, deps.isCommonPassword), { username: account.username, password, confirmation });
    if (!checked.ok) return { ok: false, errors: checked.errors };
    const passwordHash = await deps.hashPassword(password);
    const at = now();
    const claimed = await transaction(db, async (tx) => {
      const secrets = secretRepository(tx);
      const accountRows = accountRepository(tx);
      if (!(await secrets.claim(secretId, at, at))) return false;
      await secrets.spendAll(account.id, ["reset"], at);
      await accountRows.setPasswordHash(account.id, passwordHash);
      if (account.status === "pending") {
        await accountRows.activate(account.id, at);
        await secrets.spendAll(account.id, ["activation", "activation-code"], at);
      }
      return true;
    });
    if (!claimed) return { ok: false, status: "used", message: m.reset.used };
    await deps.sessions.endAll(account.id);
    return { ok: true, message: m.reset.done };
  }

  return { request, check, complete };
}
