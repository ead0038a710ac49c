import { accountRepository, readAccountPhoto, serviceCitizenRepository, transaction, type Database } from "@guichet/db";
import { fr, linesOf, stepRegistry, type Address, type Contacts, type FieldErrors, type Identity } from "@guichet/schema";
import type { PlaceNames } from "../placeNames";
import type { ServiceDirectory } from "../serviceDirectory";
import type { Tenant } from "../tenant";
import { accountRecords } from "./accountRecords";
import { accountMessages as m } from "./messages";
import { demarcheMessages } from "../demarches/messages";
import type { Throttle } from "./throttle";

interface StoredProfile {
  identity: Identity;
  address: Address;
  contacts: Contacts;
  services: Record<string, { key: string; auto?: boolean }>;
  /** A new e-mail address waiting for its link to be opened ("Modifier mes coordonnées"). */
  pendingEmail?: { address: string };
}

export interface ProfileGroup {
  readonly title: string;
  readonly items: ReadonlyArray<{ readonly label: string; readonly value: string }>;
}

/** "Mon espace": what the citizen told us, grouped as at sign-up, with their service keys. */
export interface AccountView {
  readonly username: string;
  readonly displayName: string;
  readonly groups: ReadonlyArray<ProfileGroup>;
  /** The photo sent at IDENTITÉ, served to the logged-in citizen at /api/account/photo. */
  readonly photo: boolean;
  /** A new e-mail address given in "Modifier mes coordonnées", not confirmed yet. */
  readonly pendingEmail?: string;
  readonly services: ReadonlyArray<{ readonly id: string; readonly label: string; readonly key?: string; readonly auto: boolean; readonly contact: string }>;
}

export type AddKeyResult =
  { readonly ok: true; readonly message: string; readonly account: AccountView } | { readonly ok: false; readonly errors: FieldErrors };

const mySpaceSteps = Object.values(stepRegistry).filter((s) => s.mySpace);

const KEY_FORMAT = /^[A-Za-z0-9-]{4,40}$/;

export function profile({
  db,
  tenant,
  places,
  directory,
  throttle,
}: {
  db: Database;
  tenant: Tenant;
  places: PlaceNames;
  directory: ServiceDirectory;
  throttle: Throttle;
}) {
  const accounts = accountRecords(db);

  function view(username: string, stored: StoredProfile): AccountView {
    const { identity: i } = stored;
    const context = { places, services: tenant.services };
    return {
      username,
      displayName: `${i.civilite} ${i.prenoms} ${i.nomUsuel}`,
      // The steps whose registry entry says so, with the lines of the review.
      groups: mySpaceSteps.map((step) => ({
        title: fr.steps[step.id as keyof typeof fr.steps],
        items: [
          ...linesOf(step, stored[step.id as keyof StoredProfile], context),
          // Beside the contacts, the new address until its link is opened.
          ...(step.id === "contacts" && stored.pendingEmail
            ? [{ label: demarcheMessages.pendingEmailLabel, value: demarcheMessages.pendingEmail(stored.pendingEmail.address) }]
            : []),
        ],
      })),
      photo: Boolean(i.photoId),
      ...(stored.pendingEmail ? { pendingEmail: stored.pendingEmail.address } : {}),
      services: tenant.services.map((s) => {
        const k = stored.services[s.id];
        return { id: s.id, label: s.label, ...(k ? { key: k.key } : {}), auto: k?.auto ?? false, contact: s.contact };
      }),
    };
  }

  const parse = (json: string): StoredProfile => {
    const p = JSON.parse(json) as Partial<StoredProfile>;
    // Every answer kept, so that a step added to "Mon espace" shows without a change here.
    return { ...p, identity: p.identity!, address: p.address!, contacts: p.contacts!, services: p.services ?? {} };
  };

  async function me(accountId: string): Promise<AccountView | undefined> {
    const account = await accounts.byId(accountId);
    return account ? view(account.username, parse(account.profile)) : undefined;
  }

  /**
   * A key typed on "Mon espace": accepted only when the service's record is this citizen's (the rule of
   * the sign-up, `recordIsCitizens`), then claimed for this account only. Tries are throttled.
   */
  async function addServiceKey(accountId: string, serviceId: string, typed: string, ip: string): Promise<AddKeyResult> {
    const field = `keys.${serviceId}`;
    const fail = (message: string): AddKeyResult => ({ ok: false, errors: { [field]: message } });
    if (!tenant.services.some((s) => s.id === serviceId)) return fail(m.services.unknownService);
    const key = typed.trim().toUpperCase();
    if (!key) return fail(m.services.keyRequired);
    if (!KEY_FORMAT.test(key)) return fail(fr.services.keyFormat);
    const account = await accounts.byId(accountId);
    if (!account) return fail(m.login.sessionRequired);
    const stored = parse(account.profile);
    if (stored.services[serviceId]) return fail(m.services.keyAlready);
    const wait = await throttle.serviceKeyTry(`account:${accountId}`, ip);
    if (wait) return fail(m.tooMany(wait.retryAfterSeconds));
    const verdict = await directory.check(serviceId, key, stored.identity);
    if (verdict === "wrong") return fail(m.services.keyWrong);
    if (verdict === "taken") return fail(m.services.keyTaken);
    const claimed = await transaction(db, async (tx) => {
      if (!(await serviceCitizenRepository(tx).claim(serviceId, key, accountId))) return undefined;
      // Re-read inside the transaction: two keys added at once must both be kept.
      const accountRows = accountRepository(tx);
      const current = parse((await accountRows.profileForUpdate(accountId))!);
      current.services[serviceId] = { key, auto: false };
      await accountRows.setProfile(accountId, JSON.stringify(current));
      return current;
    });
    if (!claimed) return fail(m.services.keyTaken);
    return { ok: true, message: m.services.added, account: view(account.username, claimed) };
  }

  /** The account's own photo, or nothing. */
  async function photo(accountId: string) {
    const account = await accounts.byId(accountId);
    const photoId = account ? parse(account.profile).identity.photoId : undefined;
    return photoId ? readAccountPhoto(db, accountId, photoId) : undefined;
  }

  return { me, addServiceKey, photo };
}
