import { accountRepository, outboxRepository, type AccountRow, type Database, type Runner } from "@guichet/db";
import type { TemplateData, TemplateName } from "@guichet/mail";

export type AccountRecord = AccountRow;

/** The accounts as the account pages look them up. */
export function accountRecords(db: Database) {
  const accounts = accountRepository(db);
  return {
    byId: (id: string) => accounts.byId(id),
    byUsername: (username: string) => accounts.byUsername(username),
    /** What a citizen types when they forgot something: their username, or their e-mail address. */
    async byUsernameOrEmail(identifier: string): Promise<AccountRecord | undefined> {
      if (!identifier.trim()) return undefined;
      return (await accounts.byUsername(identifier)) ?? (await accounts.byEmail(identifier));
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
