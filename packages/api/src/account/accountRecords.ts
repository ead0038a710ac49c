import { accountRepository, outboxRepository, type AccountRow, type Database, type Runner } from "@guichet/db";
import type { TemplateData, TemplateName } from "@guichet/mail";
import { canonicalEmail, identifierKind } from "@guichet/schema";

export type AccountRecord = AccountRow;

/** The accounts as the account pages look them up. */
export function accountRecords(db: Database) {
  const accounts = accountRepository(db);
  return {
    byId: (id: string) => accounts.byId(id),
    byUsername: (username: string) => accounts.byUsername(username),
    /**
     * What a citizen types when they forgot something: with an @, their e-mail address (its domain in IDNA form)
     * and only that; without, their username and only that (`identifierKind`). A username never stands for an address.
     */
    async byIdentifier(identifier: string): Promise<AccountRecord | undefined> {
      const typed = identifier.trim();
      if (!typed) return undefined;
      return identifierKind(typed) === "email" ? accounts.byEmail(canonicalEmail(typed)) : accounts.byUsername(typed);
    },
  };
}
export type AccountRecords = ReturnType<typeof accountRecords>;

/**
 * An e-mail for the outbox, written in the caller's transaction so it goes out only if the rest is saved;
 * `accountId`, the account it is about, lists it in that account's "Mes données".
 */
export async function queueMail<N extends TemplateName>(tx: Runner, to: string, template: N, data: TemplateData[N], at: Date, accountId?: string) {
  await outboxRepository(tx).enqueue({ recipient: to, template, data, at, ...(accountId ? { accountId } : {}) });
}
