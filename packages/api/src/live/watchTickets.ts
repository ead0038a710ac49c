import { randomUUID } from "node:crypto";
import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { Database } from "@guichet/db";
import { flowErrors } from "../FlowError";
import type { FlowRuntime } from "../flowRuntime";
import { hashToken, newSecretToken } from "../secretToken";
import { seal, unseal } from "../resume/sealedToken";

/** A ticket opens one live view, within a minute of being asked for. */
export const WATCH_TICKET_TTL_MS = 60_000;
const KIND = "live-ticket";

const keyOf = (ticket: string) => createHash("sha256").update(`guichet:live-ticket:${ticket}`).digest();

export const liveMessages = {
  ticketRefused: "Le suivi en direct de cette inscription n'a pas pu démarrer. Rechargez la page pour le relancer.",
} as const;

/**
 * Live views never carry the flow's token in their URL: the page asks for a ticket by POST (its body
 * holds the token), and the view's connection spends it. Single use and short-lived, kept in the shared
 * database (`secret` for its hash, `resume_seal` for the flow's token sealed under it), so any process
 * may open the view.
 */
export function watchTickets(db: Database, flows: FlowRuntime, now: () => Date) {
  let lastPurge = 0;
  async function purgeNowAndThen(at: Date) {
    if (at.getTime() - lastPurge < 600_000) return;
    lastPurge = at.getTime();
    await db.execute("delete from secret where kind = ? and expires_at < ?", [KIND, at]);
  }

  return {
    async issue(token: string): Promise<{ ticket: string }> {
      const flowId = await flows.idOf(token);
      if (!flowId) throw flowErrors.notFound();
      const at = now();
      await purgeNowAndThen(at);
      const ticket = newSecretToken();
      const id = randomUUID();
      const expiresAt = new Date(at.getTime() + WATCH_TICKET_TTL_MS);
      await db.em().transactional(async (tx) => {
        const run = (sql: string, params: unknown[]) => tx.getConnection().execute(sql, params, "run", tx.getTransactionContext());
        await run("insert into secret (id, kind, hash, subject_id, expires_at, used_at, created_at) values (?, ?, ?, ?, ?, null, ?)", [
          id, KIND, hashToken(ticket), flowId, expiresAt, at,
        ]);
        await run("insert into resume_seal (secret_id, offer_id, flow_id, sealed, expires_at) values (?, ?, ?, ?, ?)", [
          id, id, flowId, seal(token, keyOf(ticket), id), expiresAt.getTime(),
        ]);
      });
      return { ticket };
    },

    /** The flow a ticket opens, and its token; refused (401, in French) when unknown, spent or expired. */
    async redeem(ticket: string | undefined): Promise<{ flowId: string; token: string }> {
      const refused = () => new TRPCError({ code: "UNAUTHORIZED", message: liveMessages.ticketRefused });
      if (!ticket || ticket.length > 100) throw refused();
      const at = now();
      const claimed = await db.execute<{ id: string; subject_id: string }>(
        "update secret set used_at = ? where hash = ? and kind = ? and used_at is null and expires_at > ? returning id, subject_id",
        [at, hashToken(ticket), KIND, at],
      );
      const row = claimed[0];
      if (!row) throw refused();
      const sealed = await db.execute<{ sealed: string }>("delete from resume_seal where secret_id = ? returning sealed", [row.id]);
      if (!sealed[0]) throw refused();
      return { flowId: row.subject_id, token: unseal(sealed[0].sealed, keyOf(ticket), row.id) };
    },
  };
}
export type WatchTickets = ReturnType<typeof watchTickets>;
