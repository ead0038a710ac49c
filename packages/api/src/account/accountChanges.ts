import { accountRepository, secretRepository, serviceCitizenRepository, sessionRepository, type AccountRow, type Database, type Runner } from "@guichet/db";
import { demarcheMessages } from "../demarches/messages";
import {
  accountChangesText as t,
  identityChangeFields,
  identityChangeStep,
  linesOf,
  newPasswordIssue,
  type FieldErrors,
  type Identity,
  type IdentityChange,
  type IdentityChangeField,
  type StoredNewEmail,
  type StoredNewPassword,
} from "@guichet/schema";
import type { AccountChangeOutcome, AccountChangeSave, ServiceKey } from "@guichet/machines";
import { matchServices } from "../flows/registration";
import type { ServiceDirectory } from "../serviceDirectory";
import type { Tenant } from "../tenant";
import type { CompleteDemarche } from "../demarches/completion";
import type { FlowRuntimeDeps } from "../flowRuntime";
import type { PasswordCheck } from "./login";
import { accountMessages } from "./messages";

/** The current password asked before a change, checked as the login checks it (`account.checkPassword`). */
export type CheckPassword = (accountId: string, password: string, ip: string) => Promise<PasswordCheck>;

/** The current password's verdict as the step's errors: wrong, or too many tries (the login's wait). */
export async function currentPasswordProblems(
  checkPassword: CheckPassword,
  accountId: string,
  password: unknown,
  ip: string | undefined,
): Promise<FieldErrors> {
  const verdict = await checkPassword(accountId, typeof password === "string" ? password : "", ip ?? "unknown");
  if (verdict === "ok") return {};
  return { currentPassword: verdict === "wrong" ? t.currentPasswordWrong : accountMessages.tooMany(verdict.retryAfterSeconds) };
}

export interface PasswordChangeDeps {
  readonly db: Database;
  readonly now: () => Date;
  readonly checkPassword: CheckPassword;
  readonly complete: CompleteDemarche;
}

/** What "Changer mon mot de passe" needs of the world: its checks, and the change through the completion hook. */
export function passwordChange({ db, now, checkPassword, complete }: PasswordChangeDeps) {
  return {
    /**
     * The rule the page cannot check (the new password must not contain the username, which only the
     * server knows here), then the current password, which costs a try of the login's allowance.
     */
    async problems(accountId: string, value: Record<string, unknown>, ip: string | undefined, deps: FlowRuntimeDeps): Promise<FieldErrors> {
      const account = await accountRepository(db).byId(accountId);
      if (!account) return { _form: accountMessages.login.sessionRequired };
      const password = typeof value.password === "string" ? value.password : "";
      const issue = newPasswordIssue(password, password, account.username, deps.tenant.passwordPolicy, deps.isCommonPassword);
      if (issue) return { [issue.path[0]]: issue.issue };
      return currentPasswordProblems(checkPassword, accountId, value.currentPassword, ip);
    },

    /**
     * The new hash, every other session of the account ended (the device that made the change stays
     * logged in), any reset link spent, and the e-mail: one transaction.
     */
    async save(demarche: string, { accountId, answer, request }: AccountChangeSave): Promise<AccountChangeOutcome> {
      const { passwordHash } = answer as StoredNewPassword;
      const at = now();
      await complete(accountId, { demarche, lines: [{ label: t.passwordChangedLine, value: t.passwordChangedValue }] }, async (tx) => {
        await accountRepository(tx).setPasswordHash(accountId, passwordHash);
        await secretRepository(tx).spendAll(accountId, ["reset"], at);
        const sessions = sessionRepository(tx);
        if (request?.session) await sessions.deleteOtherSessions(accountId, request.session);
        else await sessions.deleteForAccount(accountId);
      });
      return {};
    },
  };
}

/** A service key "Modifier mon identité" gave back: the service no longer recognises the new identity. */
export interface ReleasedKey {
  readonly service: string;
  readonly key: string;
  readonly contact: string;
}

export interface IdentityChangeDeps {
  readonly db: Database;
  readonly tenant: Tenant;
  readonly directory: ServiceDirectory;
  readonly complete: CompleteDemarche;
}

interface StoredProfile {
  identity: Identity;
  services?: Record<string, ServiceKey>;
  releasedKeys?: Record<string, string>;
  [key: string]: unknown;
}

/** The names the tenant lets a citizen change, as the identity step names its fields. */
export function identityFieldsAllowed(tenant: Tenant): ReadonlyArray<IdentityChangeField> {
  const setting = tenant.demarches?.identity;
  if (!setting?.allowed) return [];
  return identityChangeFields.filter((f) => setting.fields.includes(f === "nomNaissance" ? "birthName" : "firstName"));
}

/** A key released, as the e-mail and the final page say it. */
export const releasedSentence = (r: ReleasedKey) => `${r.service}\u00a0: ${t.keyReleased(r.service, r.key, r.contact)}`;

/** What "Modifier mon identité" needs of the world: the current names, their checks, the change. */
export function identityChange({ db, tenant, directory, complete }: IdentityChangeDeps) {
  const profileOf = async (accountId: string): Promise<StoredProfile | undefined> => {
    const account = await accountRepository(db).byId(accountId);
    return account ? (JSON.parse(account.profile) as StoredProfile) : undefined;
  };

  return {
    /** The names as the account holds them: the step's first answer. */
    async current(accountId: string): Promise<IdentityChange | undefined> {
      const identity = (await profileOf(accountId))?.identity;
      if (!identity) return undefined;
      return { ...(identity.nomNaissance ? { nomNaissance: identity.nomNaissance } : {}), prenoms: identity.prenoms };
    },

    /** Only the names the tenant allows may differ from the account's, and something must. */
    async problems(accountId: string, value: Record<string, unknown>): Promise<FieldErrors> {
      const identity = (await profileOf(accountId))?.identity;
      if (!identity) return { _form: accountMessages.login.sessionRequired };
      const allowed = identityFieldsAllowed(tenant);
      const errors: FieldErrors = {};
      let changed = false;
      for (const field of identityChangeFields) {
        if ((value[field] ?? "") === (identity[field] ?? "")) continue;
        if (allowed.includes(field)) changed = true;
        else errors[field] = t.identityFieldLocked;
      }
      if (Object.keys(errors).length) return errors;
      return changed ? {} : { _form: t.identityUnchanged };
    },

    /**
     * The new names, then each service key held checked again with the one rule of the registries
     * (`ServiceDirectory.check`): a key whose record no longer is the citizen's is released; a service that
     * now recognises the citizen gives its key (`matchServices`, as at sign-up). One transaction, with the e-mail.
     */
    async save(demarche: string, { accountId, answer }: AccountChangeSave): Promise<AccountChangeOutcome> {
      const names = answer as IdentityChange;
      const before = await profileOf(accountId);
      if (!before) throw new Error("identity change of an account that no longer exists");
      const { nomNaissance: _old, ...rest } = before.identity;
      const identity: Identity = { ...rest, prenoms: names.prenoms, ...(names.nomNaissance ? { nomNaissance: names.nomNaissance } : {}) };
      const held = before.services ?? {};
      const released: ReleasedKey[] = [];
      const kept: Record<string, ServiceKey> = {};
      for (const [serviceId, k] of Object.entries(held)) {
        // "taken" is the owner's own claim: the record is still this citizen's.
        if ((await directory.check(serviceId, k.key, identity)) === "wrong") {
          const service = tenant.services.find((s) => s.id === serviceId);
          released.push({ service: service?.label ?? serviceId, key: k.key, contact: service?.contact ?? tenant.email });
        } else kept[serviceId] = k;
      }
      const matched = await matchServices(directory, tenant, identity, kept);
      const lines = [
        ...linesOf(identityChangeStep, names, { places: noPlaces, services: [] }),
        ...released.map((r) => ({ label: r.service, value: t.keyReleased(r.service, r.key, r.contact) })),
      ];
      await complete(accountId, { demarche, lines }, async (tx) => {
        const accounts = accountRepository(tx);
        const registry = serviceCitizenRepository(tx);
        // Re-read inside the transaction: a key added meanwhile in Mon espace is kept.
        const profile = JSON.parse((await accounts.profileForUpdate(accountId))!) as StoredProfile;
        const services = { ...(profile.services ?? {}) };
        const releasedKeys = { ...(profile.releasedKeys ?? {}) };
        for (const r of released) {
          const serviceId = Object.keys(held).find((id) => held[id]!.key === r.key)!;
          await registry.release(serviceId, r.key, accountId);
          if (services[serviceId]?.key === r.key) delete services[serviceId];
          // Mon espace says why, beside the service, until a key is added again.
          releasedKeys[serviceId] = releasedSentence(r);
        }
        for (const [serviceId, k] of Object.entries(matched)) {
          if (services[serviceId] || kept[serviceId]) continue;
          if (await registry.claim(serviceId, k.key, accountId)) services[serviceId] = k;
        }
        await accounts.setProfile(accountId, JSON.stringify({ ...profile, identity, services, releasedKeys }));
        await accounts.setPrenoms(accountId, identity.prenoms);
      });
      return released.length ? { released: released.map(releasedSentence) } : {};
    },
  };
}

/** The names' lines need no place names. */
const noPlaces = { country: (c: string) => c, departement: () => undefined, commune: () => undefined, street: (v: string) => v };

/**
 * The confirmation of a new address, as "Modifier mes coordonnées" asks for it: a link to the new
 * address, a notice to the old one, the address counting only once the link is opened. Written on the
 * démarche's transaction; answers the address as the final page shows it (masked).
 */
export type ConfirmNewEmail = (tx: Runner, account: AccountRow, email: string) => Promise<string>;

export interface EmailChangeDeps {
  readonly db: Database;
  readonly checkPassword: CheckPassword;
  readonly complete: CompleteDemarche;
  /** The confirmation link's mechanism, shared with "Modifier mes coordonnées"; absent, the démarche is not offered. */
  readonly confirmNewEmail?: ConfirmNewEmail;
}

/** What "Changer mon adresse électronique" needs of the world. */
export function emailChange({ db, checkPassword, complete, confirmNewEmail }: EmailChangeDeps) {
  return {
    offered: () => confirmNewEmail !== undefined,

    /** A new address (not the account's own), then the current password, which costs a try of the login's allowance. */
    async problems(accountId: string, value: Record<string, unknown>, ip: string | undefined): Promise<FieldErrors> {
      const account = await accountRepository(db).byId(accountId);
      if (!account) return { _form: accountMessages.login.sessionRequired };
      const courriel = typeof value.courriel === "string" ? value.courriel : "";
      if (courriel.trim().toLowerCase() === account.email.trim().toLowerCase()) return { courriel: t.newEmailSame };
      return currentPasswordProblems(checkPassword, accountId, value.currentPassword, ip);
    },

    /** The address waits for its link (the e-mails queued on the same transaction as the démarche's own). */
    async save(demarche: string, { accountId, answer }: AccountChangeSave): Promise<AccountChangeOutcome> {
      const { courriel } = answer as StoredNewEmail;
      if (!confirmNewEmail) throw new Error("no confirmation of a new address is wired");
      const pending = await complete(accountId, { demarche, lines: [{ label: t.newEmail, value: demarcheMessages.pendingEmail(courriel) }] }, (tx, account) =>
        confirmNewEmail(tx, account, courriel),
      );
      return { emailPending: pending };
    },
  };
}
