import type { Runner } from "../transaction";

/** The `photo` table: identity photos, re-encoded, each belonging to one flow. */
export function photoRepository(db: Runner) {
  return {
    async insert(p: { id: string; flowId: string; mime: string; data: Buffer; createdAt: Date }): Promise<void> {
      await db.execute("insert into photo (id, flow_id, mime, data, created_at) values (?, ?, ?, ?, ?)", [p.id, p.flowId, p.mime, p.data, p.createdAt]);
    },
    /** A photo, only through the flow it belongs to. */
    async read(id: string, flowId: string): Promise<{ mime: string; data: Buffer } | undefined> {
      const rows = await db.execute<{ mime: string; data: Buffer }>("select mime, data from photo where id = ? and flow_id = ?", [id, flowId]);
      return rows[0];
    },
    async exists(id: string, flowId: string): Promise<boolean> {
      return (await db.execute("select 1 from photo where id = ? and flow_id = ?", [id, flowId])).length > 0;
    },
  };
}
export type PhotoRepository = ReturnType<typeof photoRepository>;
