import { accountRepository, outboxRepository, transaction, type AccountRow, type Database, type Runner } from "@guichet/db";

/** What a démarche's e-mail says was recorded: its name and the lines of its review. */
export interface DemarcheReceipt {
  /** The démarche's name, as its menu says it. */
  readonly demarche: string;
  readonly lines: ReadonlyArray<{ readonly label: string; readonly value: string }>;
}

export interface DemarcheCompletionDeps {
  readonly db: Database;
  readonly publicUrl: string;
  readonly now: () => Date;
  /** Told after the transaction commits, so the outbox worker sends at once. */
  readonly onQueued?: () => void;
}

/**
 * The completion hook of every démarche: its final actor calls `complete`, which runs the change and
 * queues the e-mail "Votre démarche « X » a été enregistrée" (template `demarcheDone`) to the account's
 * confirmed address in ONE transaction: the change is never made without its e-mail, nor the reverse.
 * `change` gets the transaction (for the repositories of packages/db) and the account as it was read in it;
 * what it returns, `complete` returns.
 */
export function demarcheCompletion({ db, publicUrl, now, onQueued }: DemarcheCompletionDeps) {
  return async function complete<R>(accountId: string, receipt: DemarcheReceipt, change: (tx: Runner, account: AccountRow) => Promise<R>): Promise<R> {
    const at = now();
    const result = await transaction(db, async (tx) => {
      const account = await accountRepository(tx).byId(accountId);
      if (!account) throw new Error("démarche of an account that no longer exists");
      const done = await change(tx, account);
      await outboxRepository(tx).enqueue({
        recipient: account.email,
        template: "demarcheDone",
        data: {
          civility: account.civilite,
          lastName: account.nomUsuel,
          demarche: receipt.demarche,
          summary: receiptSummary(receipt),
          accountUrl: `${publicUrl}/mon-espace`,
        },
        at,
        accountId,
      });
      return done;
    });
    onQueued?.();
    return result;
  };
}
export type CompleteDemarche = ReturnType<typeof demarcheCompletion>;

/** One "Libellé : valeur" a line, as the e-mail shows them (its `lines` field). */
export const receiptSummary = (receipt: DemarcheReceipt): string =>
  receipt.lines.length ? receipt.lines.map((l) => `${oneLine(l.label)}\u00a0: ${oneLine(l.value) || "—"}`).join("\n") : "—";

// A value typed on several lines stays on its own line of the e-mail.
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, " ").trim();
