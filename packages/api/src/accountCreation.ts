import { randomInt, randomUUID } from "node:crypto";
import { accountRepository, isUniqueViolation, outboxRepository, secretRepository, serviceCitizenRepository, transaction, type Database } from "@guichet/db";
import type { AccountResult, Answers } from "@guichet/machines";
import { stepRegistry } from "@guichet/schema";
import { hashToken, newSecretToken } from "./secretToken";
import type { MailBudget } from "./mailBudget";

export const ACTIVATION_TTL_MS = 72 * 3600_000;

export interface AccountCreationOptions {
  readonly db: Database;
  readonly publicUrl: string;
  readonly now: () => Date;
  /** Limits the "already registered" notices: a script naming someone's address must not flood their mailbox. */
  readonly mailBudget: MailBudget;
  /** Told after the transaction commits, so the outbox worker can send at once. */
  readonly onQueued?: () => void;
}

/**
 * Creates the account, its activation secrets and the activation e-mail in one transaction.
 * Idempotent per flow: a retried last step finds the account it already made.
 * An address that already has an account gets a notice instead of a second account,
 * within the e-mail budget, and the citizen sees the same final screen, so nobody learns which
 * addresses exist (nor whether the notice was sent).
 */
export function accountCreation({ db, publicUrl, now, mailBudget, onQueued }: AccountCreationOptions) {
  /** The notice to the owner of an address someone tried to sign up with again. */
  async function notifyOwner(owner: { email: string; civilite: string; nomUsuel: string }, client: string | undefined, at: Date) {
    if (!(await mailBudget.allow("alreadyRegistered", owner.email, client))) return;
    await outboxRepository(db).enqueue({
      recipient: owner.email,
      template: "alreadyRegistered",
      data: { civility: owner.civilite, lastName: owner.nomUsuel, loginUrl: `${publicUrl}/`, passwordResetUrl: `${publicUrl}/mot-de-passe-oublie` },
      at,
    });
    onQueued?.();
  }

  /** `client` is the address that asked, for the e-mail budget. */
  return async function createAccount(flowId: string, answers: Answers, client?: string, franceConnectSub?: string): Promise<AccountResult> {
    const { identity, address, contacts, credentials, services } = answers;
    if (!identity || !address || !contacts || !credentials) throw new Error("incomplete answers");
    const existingFlow = await accountRepository(db).byFlowId(flowId);
    if (existingFlow) return { ok: true, accountId: existingFlow.id };
    const at = now();
    const email = contacts.courriel.trim();
    try {
      const result = await transaction(db, async (tx) => {
        // One espace per FranceConnect identity too: a second sign-up with it is told to its owner, as for an address.
        const owner =
          (await accountRepository(tx).byEmailLookalike(email)) ??
          (franceConnectSub ? await accountRepository(tx).byFranceConnectSub(franceConnectSub) : undefined);
        if (owner) return { ok: true as const, accountId: owner.id, owner: { email: owner.email, civilite: owner.civilite, nomUsuel: owner.nomUsuel } };
        const id = randomUUID();
        await accountRepository(tx).insert({
          id,
          username: credentials.username,
          passwordHash: credentials.passwordHash,
          email,
          civilite: identity.civilite,
          nomUsuel: identity.nomUsuel,
          prenoms: identity.prenoms,
          // The answers "Mon espace" shows again (their registry entry says `mySpace`), and the service keys.
          profile: JSON.stringify({ ...mySpaceAnswers(answers), services: services?.keys ?? {} }),
          flowId,
          createdAt: at,
          ...(franceConnectSub ? { franceConnectSub } : {}),
        });
        // Each key serves one account: claimed here, in the account's transaction; a key claimed meanwhile is dropped.
        for (const [serviceId, k] of Object.entries(services?.keys ?? {})) {
          await serviceCitizenRepository(tx).claim(serviceId, k.key, id);
        }
        const link = newSecretToken();
        const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
        const expiresAt = new Date(at.getTime() + ACTIVATION_TTL_MS);
        const secrets = secretRepository(tx);
        await secrets.insert({ kind: "activation", hash: hashToken(link), subjectId: id, expiresAt, createdAt: at });
        // The code is short: salted with the account id so equal codes of two accounts hash apart.
        await secrets.insert({ kind: "activation-code", hash: hashToken(`${id}:${code}`), subjectId: id, expiresAt, createdAt: at });
        await outboxRepository(tx).enqueue({
          recipient: email,
          template: "activation",
          data: {
            civility: identity.civilite,
            lastName: identity.nomUsuel,
            username: credentials.username,
            activationUrl: `${publicUrl}/activation#jeton=${link}`,
            activationCode: code,
          },
          at,
          accountId: id,
        });
        return { ok: true as const, accountId: id, owner: undefined };
      });
      if (result.owner) await notifyOwner(result.owner, client, at);
      else onQueued?.();
      return { ok: true, accountId: result.accountId };
    } catch (error) {
      if (isUniqueViolation(error)) {
        const again = await accountRepository(db).byFlowId(flowId);
        if (again) return { ok: true, accountId: again.id };
        return { ok: false, reason: "usernameTaken" };
      }
      throw error;
    }
  };
}

const mySpaceAnswers = (answers: Answers): Record<string, unknown> =>
  Object.fromEntries(Object.values(stepRegistry).flatMap((s) => (s.mySpace ? [[s.id, (answers as Record<string, unknown>)[s.id]]] : [])));
