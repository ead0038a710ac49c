import type { Runner } from "../transaction";

/**
 * The `resume_seal` table: a flow's token sealed under a secret (resume code or link, live-view ticket),
 * one row per secret, grouped by offer. `expires_at` is in epoch milliseconds.
 */
export function resumeSealRepository(db: Runner) {
  return {
    async insert(s: { secretId: string; offerId: string; flowId: string; sealed: string; expiresAt: Date }): Promise<void> {
      await db.execute("insert into resume_seal (secret_id, offer_id, flow_id, sealed, expires_at) values (?, ?, ?, ?, ?)", [
        s.secretId,
        s.offerId,
        s.flowId,
        s.sealed,
        s.expiresAt.getTime(),
      ]);
    },
    async bySecret(secretId: string): Promise<{ offerId: string; sealed: string } | undefined> {
      const rows = await db.execute<{ offer_id: string; sealed: string }>("select offer_id, sealed from resume_seal where secret_id = ?", [secretId]);
      return rows[0] ? { offerId: rows[0].offer_id, sealed: rows[0].sealed } : undefined;
    },
    /** Deletes the secret's seal and hands it back: only one caller ever gets it. */
    async take(secretId: string): Promise<string | undefined> {
      const rows = await db.execute<{ sealed: string }>("delete from resume_seal where secret_id = ? returning sealed", [secretId]);
      return rows[0]?.sealed;
    },
    /** The offers of a flow that hold a secret of this kind: those with a resume code were shown on a screen. */
    async offersWith(flowId: string, kind: string): Promise<string[]> {
      const rows = await db.execute<{ offer_id: string }>(
        "select distinct s.offer_id from resume_seal s join secret c on c.id = s.secret_id where s.flow_id = ? and c.kind = ?",
        [flowId, kind],
      );
      return rows.map((r) => r.offer_id);
    },
    async deleteOffer(offerId: string): Promise<void> {
      await db.execute("delete from resume_seal where offer_id = ?", [offerId]);
    },
    async deleteExpired(now: Date): Promise<void> {
      await db.execute("delete from resume_seal where expires_at < ?", [now.getTime()]);
    },
  };
}
export type ResumeSealRepository = ReturnType<typeof resumeSealRepository>;
