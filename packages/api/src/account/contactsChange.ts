import { accountRepository, outboxRepository, secretRepository, transaction, type AccountRow, type Database, type Runner } from "@guichet/db";
import { linesOf, maskEmail, stepRegistry, type Address, type Contacts } from "@guichet/schema";
import type { ContactsSaved } from "@guichet/machines";
import type { CompleteDemarche } from "../demarches/completion";
import { demarcheMessages as m } from "../demarches/messages";
import type { PlaceNames } from "../placeNames";
import { hashToken, newSecretToken } from "../secretToken";
import type { Tenant } from "../tenant";

/** The secret of a new e-mail address's confirmation link. */
export const EMAIL_CHANGE_SECRET = "email-change";
/** How long the link to confirm a new address lasts. */
export const EMAIL_CHANGE_TTL_MS = 72 * 3600_000;

/** A new address given in "Modifier mes coordonnées", kept in the profile until its link is opened. */
interface PendingEmail {
  readonly address: string;
  /** The secret of its link: an older link (for an address given before) confirms nothing. */
  readonly secretId: string;
}

interface StoredProfile {
  address?: Address;
  contacts?: Contacts;
  pendingEmail?: PendingEmail;
  [key: string]: unknown;
}

export type EmailConfirmStatus = "confirmed" | "used" | "expired" | "invalid";

export interface EmailConfirmOutcome {
  readonly status: EmailConfirmStatus;
  readonly message: string;
}

export interface ContactsChangeDeps {
  readonly db: Database;
  readonly publicUrl: string;
  readonly now: () => Date;
  /** The démarches' completion hook (absent where only confirmations are needed). */
  readonly complete?: CompleteDemarche;
  readonly tenant: Tenant;
  readonly places: PlaceNames;
}

/**
 * The ports of "Modifier mes coordonnées": the account's current address and contacts (the machine's
 * input), their save (the completion hook), and the confirmation of a new e-mail address. The new
 * address counts only once the link sent to it is opened: until then the account keeps the old one,
 * which is told of the change.
 */
export function contactsChange({ db, publicUrl, now, complete, tenant, places }: ContactsChangeDeps) {
  const read = (json: string | undefined): StoredProfile => (json ? (JSON.parse(json) as StoredProfile) : {});

  /** The values the démarche starts from: the confirmed address stands in the courriel field. */
  async function current(accountId: string): Promise<{ address: Address; contacts: Contacts }> {
    const account = await accountRepository(db).byId(accountId);
    if (!account) throw new Error("no such account");
    const stored = read(account.profile);
    if (!stored.address || !stored.contacts) throw new Error("account without address or contacts");
    return { address: stored.address, contacts: { ...stored.contacts, courriel: account.email } };
  }

  /** Saves both steps and, for a new address, its link and the notice to the old one: one transaction with the receipt. */
  async function save(accountId: string, answers: { address?: Address; contacts?: Contacts }, demarche: string): Promise<ContactsSaved> {
    if (!complete) throw new Error("contactsChange built without its completion hook");
    const { address, contacts } = answers;
    if (!address || !contacts) throw new Error("incomplete answers");
    const context = { places, services: tenant.services };
    const lines = [...linesOf(stepRegistry.address!, address, context), ...linesOf(stepRegistry.contacts!, contacts, context)];
    return complete(accountId, { demarche, lines }, async (tx, account) => {
      const accounts = accountRepository(tx);
      const stored = read(await accounts.profileForUpdate(accountId));
      const typed = contacts.courriel.trim();
      const changed = typed.toLowerCase() !== account.email.trim().toLowerCase();
      // A new address waiting for its link stays so when this démarche keeps the confirmed one: awaitConfirmation replaces it otherwise.
      const next: StoredProfile = { ...stored, address, contacts: { ...contacts, courriel: account.email } };
      await accounts.setProfile(accountId, JSON.stringify(next));
      return changed ? { emailPending: await awaitConfirmation(tx, account, typed) } : {};
    });
  }

  /**
   * A new address waits for the link sent to it (the latest link only), and the old address is told: on
   * the caller's transaction, beside the démarche's own change and receipt ("Modifier mes coordonnées",
   * "Changer mon adresse électronique"). Answers the new address masked, for the final page.
   */
  async function awaitConfirmation(tx: Runner, account: AccountRow, address: string): Promise<string> {
    const at = now();
    const accounts = accountRepository(tx);
    const stored = read(await accounts.profileForUpdate(account.id));
    const link = newSecretToken();
    const secretId = await secretRepository(tx).insert({
      kind: EMAIL_CHANGE_SECRET,
      hash: hashToken(link),
      subjectId: account.id,
      expiresAt: new Date(at.getTime() + EMAIL_CHANGE_TTL_MS),
      createdAt: at,
    });
    const outbox = outboxRepository(tx);
    const person = { civility: account.civilite, lastName: account.nomUsuel };
    // The secret travels in the fragment: never in a URL query, a server log or a Referer.
    await outbox.enqueue({
      recipient: address,
      template: "emailChangeConfirm",
      data: { ...person, confirmUrl: `${publicUrl}/confirmer-courriel#jeton=${link}` },
      at,
      accountId: account.id,
    });
    await outbox.enqueue({
      recipient: account.email,
      template: "emailChangeNotice",
      data: { ...person, accountUrl: `${publicUrl}/mon-espace` },
      at,
      accountId: account.id,
    });
    await accounts.setProfile(account.id, JSON.stringify({ ...stored, pendingEmail: { address, secretId } }));
    return maskEmail(address);
  }

  /** The link sent to the new address, opened: once, within its time, and only the latest link of the account. */
  async function confirmEmail(token: string): Promise<EmailConfirmOutcome> {
    const at = now();
    const outcome = (status: EmailConfirmStatus): EmailConfirmOutcome => ({ status, message: m.emailConfirm[status] });
    return transaction(db, async (tx) => {
      const secrets = secretRepository(tx);
      const secret = await secrets.find(hashToken(token), EMAIL_CHANGE_SECRET);
      if (!secret) return outcome("invalid");
      if (secret.usedAt !== null) return outcome("used");
      if (secret.expiresAt.getTime() <= at.getTime()) return outcome("expired");
      const accounts = accountRepository(tx);
      const stored = read(await accounts.profileForUpdate(secret.subjectId));
      // A link for an address given before the latest one confirms nothing.
      if (stored.pendingEmail?.secretId !== secret.id) return outcome("used");
      if (!(await secrets.claim(secret.id, at, at))) return outcome("used");
      const address = stored.pendingEmail.address;
      const next: StoredProfile = { ...stored, ...(stored.contacts ? { contacts: { ...stored.contacts, courriel: address } } : {}) };
      delete next.pendingEmail;
      await accounts.setProfile(secret.subjectId, JSON.stringify(next));
      await accounts.setEmail(secret.subjectId, address);
      return outcome("confirmed");
    });
  }

  return { current, save, awaitConfirmation, confirmEmail };
}
export type ContactsChange = ReturnType<typeof contactsChange>;
