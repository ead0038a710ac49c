import { randomUUID } from "node:crypto";
import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { resumeSealRepository, secretRepository, transaction, type Database } from "@guichet/db";
import { flowErrors } from "../FlowError";
import type { FlowRuntime } from "../flowRuntime";
import { hashToken, newSecretToken } from "../secretToken";
import { seal, unseal } from "../resume/sealedToken";

/** A ticket opens one live view, within a minute of being asked for. */
export const WATCH_TICKET_TTL_MS = 60_000;
const KIND = "live-ticket";

const keyOf = (ticket: string) => createHash("sha256").update(`guichet:live-ticket:${ticket}`).digest();

export const liveMessages = {
  ticketRefused: "Le suivi en direct de cette inscription n’a pas pu démarrer. Rechargez la page pour le relancer.",
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
    await secretRepository(db).deleteExpired([KIND], at);
  }

  return {
    /** `session`: the caller's session token; a démarche's live view is its owner's only. */
    async issue(token: string, session?: string): Promise<{ ticket: string }> {
      const flowId = await flows.idOf(token, session);
      if (!flowId) throw flowErrors.notFound();
      const at = now();
      await purgeNowAndThen(at);
      const ticket = newSecretToken();
      const id = randomUUID();
      const expiresAt = new Date(at.getTime() + WATCH_TICKET_TTL_MS);
      await transaction(db, async (tx) => {
        await secretRepository(tx).insert({ id, kind: KIND, hash: hashToken(ticket), subjectId: flowId, expiresAt, createdAt: at });
        await resumeSealRepository(tx).insert({ secretId: id, offerId: id, flowId, sealed: seal(token, keyOf(ticket), id), expiresAt });
      });
      return { ticket };
    },

    /** The flow a ticket opens, and its token; refused (401, in French) when unknown, spent or expired. */
    async redeem(ticket: string | undefined): Promise<{ flowId: string; token: string }> {
      const refused = () => new TRPCError({ code: "UNAUTHORIZED", message: liveMessages.ticketRefused });
      if (!ticket || ticket.length > 100) throw refused();
      const at = now();
      const claimed = await secretRepository(db).claimByHash(hashToken(ticket), KIND, at);
      if (!claimed) throw refused();
      const sealed = await resumeSealRepository(db).take(claimed.id);
      if (sealed === undefined) throw refused();
      return { flowId: claimed.subjectId, token: unseal(sealed, keyOf(ticket), claimed.id) };
    },
  };
}
export type WatchTickets = ReturnType<typeof watchTickets>;
