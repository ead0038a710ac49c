import { accountRepository, type Database } from "@guichet/db";
import { accountRecords } from "./accountRecords";
import { tooManyAttempts, wrongLogin } from "./accountErrors";
import { accountMessages as m } from "./messages";
import type { SessionStore } from "./sessions";
import type { Throttle } from "./throttle";

export type LoginResult =
  | { readonly ok: true; readonly sessionToken: string; readonly username: string }
  | { readonly ok: false; readonly reason: "pending"; readonly message: string };

export interface LoginDeps {
  readonly db: Database;
  readonly sessions: SessionStore;
  readonly throttle: Throttle;
  readonly hashPassword: (password: string) => Promise<string>;
  readonly verifyPassword: (digest: string, password: string) => Promise<boolean>;
}

/** Connexion (MON ESPACE PERSO): username and password, slowed down per account and per address. */
export function login({ db, sessions, throttle, hashPassword, verifyPassword }: LoginDeps) {
  const accounts = accountRecords(db);
  // An unknown username costs the same argon2 work as a known one, so timing tells nothing.
  let decoy: Promise<string> | undefined;

  return async function logIn(username: string, password: string, ip: string): Promise<LoginResult> {
    const key = username.trim().toLowerCase();
    const wait = await throttle.loginWait(key, ip);
    if (wait) throw tooManyAttempts(wait);
    const account = await accounts.byUsername(key);
    decoy ??= hashPassword("mot-de-passe-leurre");
    const digest = account?.passwordHash ?? (await decoy);
    const matches = await verifyPassword(digest, password).catch(() => false);
    if (!account || !matches) {
      await throttle.loginFailed(key, ip);
      throw wrongLogin();
    }
    await throttle.loginSucceeded(key, ip);
    // Said only to whoever knows the password: the account exists but waits for its e-mail.
    if (account.status !== "active") return { ok: false, reason: "pending", message: m.login.pending };
    return { ok: true, sessionToken: await sessions.create(account.id), username: account.username };
  };
}

export type FranceConnectLoginResult =
  { readonly ok: true; readonly sessionToken: string; readonly username: string } | { readonly ok: false; readonly reason: "unknown" | "pending" };

/**
 * Connexion with FranceConnect: the identifier FranceConnect vouched for (its ID token checked) names the espace
 * it was given to at sign-up. An unknown one opens nothing and creates nothing. The session keeps the ID token,
 * server-side, for FranceConnect's logout.
 */
export function franceConnectLogin({ db, sessions }: { readonly db: Database; readonly sessions: SessionStore }) {
  return async function logInWithFranceConnect(sub: string, idToken: string): Promise<FranceConnectLoginResult> {
    const account = await accountRepository(db).byFranceConnectSub(sub);
    if (!account) return { ok: false, reason: "unknown" };
    if (account.status !== "active") return { ok: false, reason: "pending" };
    return { ok: true, sessionToken: await sessions.create(account.id, { franceConnectIdToken: idToken }), username: account.username };
  };
}

/** The answer to "is this the account's password?" asked before a change: yes, no, or wait. */
export type PasswordCheck = "ok" | "wrong" | { readonly retryAfterSeconds: number };

/**
 * The current password asked by a démarche of "Mon espace" before it changes a secret: the same argon2
 * check and the same counters as the login (per account and per address), so a session left open is no
 * way round the login's limits, and guesses here count against the login too.
 */
export function passwordCheck({ db, throttle, verifyPassword }: Pick<LoginDeps, "db" | "throttle" | "verifyPassword">) {
  const accounts = accountRecords(db);
  return async function checkPassword(accountId: string, password: string, ip: string): Promise<PasswordCheck> {
    const account = await accounts.byId(accountId);
    if (!account) return "wrong";
    const key = account.username.trim().toLowerCase();
    const wait = await throttle.loginWait(key, ip);
    if (wait) return wait;
    if (!(await verifyPassword(account.passwordHash, password).catch(() => false))) {
      await throttle.loginFailed(key, ip);
      return "wrong";
    }
    await throttle.loginSucceeded(key, ip);
    return "ok";
  };
}
