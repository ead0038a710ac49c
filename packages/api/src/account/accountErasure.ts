import { accountRepository, outboxRepository, personalDataRepository, transaction, type Database, type ErasureCounts, type FlowStore } from "@guichet/db";
import type { AccountErased } from "@guichet/machines";
import { fr, maskEmail, type FieldErrors } from "@guichet/schema";
import { accountMessages as m } from "./messages";
import type { Throttle } from "./throttle";

export interface AccountErasureDeps {
  readonly db: Database;
  readonly store: FlowStore;
  /** The login's throttle: a wrong password here counts as a failed login of the account. */
  readonly throttle: Throttle;
  readonly verifyPassword: (digest: string, password: string) => Promise<boolean>;
  /** Where links in e-mails point, without a trailing slash. */
  readonly publicUrl: string;
  readonly now: () => Date;
  /** Told after the transaction commits, so the outbox worker sends at once. */
  readonly onQueued?: () => void;
  /** Told what one erasure removed (tests, the operator's log); never an address. */
  readonly onErased?: (counts: ErasureCounts) => void;
}

/** The ports of "Supprimer mon espace": the current password's check, and the erasure itself. */
export function accountErasure({ db, store, throttle, verifyPassword, publicUrl, now, onQueued, onErased }: AccountErasureDeps) {
  const accounts = accountRepository(db);

  /** The account a running démarche belongs to. */
  async function accountOf(flowId: string) {
    const record = await store.findById(flowId);
    return record?.accountId ? accounts.byId(record.accountId) : undefined;
  }

  return {
    /**
     * The password typed on SUPPRIMER MON ESPACE, checked as a login is: after the login's free failures the
     * account waits, and so does an address that failed too often; a wrong one here counts for the login.
     */
    async checkPassword(flowId: string, password: string, ip: string): Promise<FieldErrors> {
      const account = await accountOf(flowId);
      if (!account) return { _form: fr.errors.internal };
      const key = account.username.trim().toLowerCase();
      const wait = await throttle.loginWait(key, ip);
      if (wait) return { password: m.tooMany(wait.retryAfterSeconds) };
      if (!(await verifyPassword(account.passwordHash, password).catch(() => false))) {
        await throttle.loginFailed(key, ip);
        return { password: fr.deleteAccount.passwordWrong };
      }
      await throttle.loginSucceeded(key, ip);
      return {};
    },

    /**
     * In ONE transaction: every row of the account erased or anonymised (`personalDataRepository.erase`), its
     * service keys released, its sessions ended, and the e-mail "Votre espace citoyen a été supprimé" queued to
     * the former address. `running` is the démarche doing it, deleted by its runtime after its last page.
     */
    async erase(accountId: string, running: string | undefined): Promise<AccountErased> {
      const at = now();
      const result = await transaction(db, async (tx) => {
        const account = await accountRepository(tx).byId(accountId);
        if (!account) throw new Error("erasure of an account that no longer exists");
        const counts = (await personalDataRepository(tx).erase(accountId, running))!;
        // Queued after the erasure, so the anonymising of the address's e-mails leaves this one whole.
        await outboxRepository(tx).enqueue({
          recipient: account.email,
          template: "accountDeleted",
          data: { civility: account.civilite, lastName: account.nomUsuel, homeUrl: `${publicUrl}/` },
          at,
        });
        return { counts, sentTo: maskEmail(account.email) };
      });
      onQueued?.();
      onErased?.(result.counts);
      return { sentTo: result.sentTo };
    },
  };
}
export type AccountErasure = ReturnType<typeof accountErasure>;
