import type { Database } from "@guichet/db";
import type { AbuseLimits } from "../abuse/abuseLimits";
import type { PlaceNames } from "../placeNames";
import { databaseServiceDirectory } from "../serviceRegistry";
import type { Tenant } from "../tenant";
import type { MailBudget } from "../mailBudget";
import { activation } from "./activation";
import { contactsChange } from "./contactsChange";
import { atEvenTime } from "./evenTime";
import { franceConnectLogin, login, passwordCheck } from "./login";
import { passwordReset } from "./passwordReset";
import { profile } from "./profile";
import { sessionStore } from "./sessions";
import { createThrottle } from "./throttle";

export interface AccountServiceDeps {
  readonly db: Database;
  readonly tenant: Tenant;
  readonly places: PlaceNames;
  /** Where links in e-mails point, without a trailing slash. */
  readonly publicUrl: string;
  readonly now: () => Date;
  readonly hashPassword: (password: string) => Promise<string>;
  readonly verifyPassword: (digest: string, password: string) => Promise<boolean>;
  readonly isCommonPassword: (password: string) => boolean;
  /** Counts the e-mails sent on anonymous requests (new activation e-mail, password reset). */
  readonly mailBudget: MailBudget;
  /** Told after an e-mail is queued, so the outbox worker sends at once. */
  readonly onQueued?: () => void;
  /** Wrong activation codes per account and address, per account, per address. */
  readonly codeLimits?: AbuseLimits["activationCode"];
}

/** Everything after sign-up: activation, login sessions, password reset and "Mon espace". */
export function createAccountService(deps: AccountServiceDeps) {
  const { db, now } = deps;
  const throttle = createThrottle(db, now, deps.codeLimits);
  const sessions = sessionStore(db, now);
  const activations = activation({
    db,
    publicUrl: deps.publicUrl,
    now,
    throttle,
    mailBudget: deps.mailBudget,
    ...(deps.onQueued ? { onQueued: deps.onQueued } : {}),
  });
  const resets = passwordReset({
    db,
    publicUrl: deps.publicUrl,
    now,
    mailBudget: deps.mailBudget,
    sessions,
    passwordPolicy: deps.tenant.passwordPolicy,
    isCommonPassword: deps.isCommonPassword,
    hashPassword: deps.hashPassword,
    ...(deps.onQueued ? { onQueued: deps.onQueued } : {}),
  });
  const profiles = profile({ db, tenant: deps.tenant, places: deps.places, directory: databaseServiceDirectory(db), throttle });

  const contacts = contactsChange({ db, publicUrl: deps.publicUrl, now, tenant: deps.tenant, places: deps.places });

  return {
    /** The link sent to a new e-mail address given in "Modifier mes coordonnées". */
    confirmEmail: contacts.confirmEmail,
    activateByLink: activations.activateByLink,
    /** The three anonymous answers about an identifier take the same time for a known account and an unknown one. */
    activateByCode: atEvenTime(activations.activateByCode, { unless: (r) => r.status === "activated" || r.status === "alreadyActive" }),
    resendActivation: atEvenTime(activations.resend),
    login: login({ db, sessions, throttle, hashPassword: deps.hashPassword, verifyPassword: deps.verifyPassword }),
    loginWithFranceConnect: franceConnectLogin({ db, sessions }),
    /** The current password asked before a démarche changes a secret, throttled as the login. */
    checkPassword: passwordCheck({ db, throttle, verifyPassword: deps.verifyPassword }),
    sessions,
    requestPasswordReset: atEvenTime(resets.request),
    checkResetLink: resets.check,
    resetPassword: resets.complete,
    me: profiles.me,
    addServiceKey: profiles.addServiceKey,
    photo: profiles.photo,
  };
}
export type AccountService = ReturnType<typeof createAccountService>;
