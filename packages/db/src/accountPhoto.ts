import type { Database } from "./openDatabase";

/** The photo an account's sign-up sent at IDENTITÉ: only a photo of the flow that made this account. */
export async function readAccountPhoto(db: Database, accountId: string, photoId: string): Promise<{ mime: string; data: Buffer } | undefined> {
  const rows = await db.execute<{ mime: string; data: Buffer }>(
    "select photo.mime, photo.data from photo join account on account.flow_id = photo.flow_id where account.id = ? and photo.id = ?",
    [accountId, photoId],
  );
  return rows[0];
}
