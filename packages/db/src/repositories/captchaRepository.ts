import type { Runner } from "../transaction";

/** The `captcha` table: challenges (their answers hashed inside `record`, JSON) and the view last shown. */
export function captchaRepository(db: Runner) {
  return {
    async insert(c: { id: string; flowId: string; record: string; expiresAt: Date }): Promise<void> {
      await db.execute("insert into captcha (id, flow_id, record, expires_at) values (?, ?, ?, ?)", [c.id, c.flowId, c.record, c.expiresAt]);
    },
    async record(id: string): Promise<string | undefined> {
      const rows = await db.execute<{ record: string }>("select record from captcha where id = ?", [id]);
      return rows[0]?.record;
    },
    /** Compare-and-set on the used flag: of two simultaneous answers only one gets true. */
    async updateUnused(id: string, record: string, used: boolean): Promise<boolean> {
      const rows = await db.execute("update captcha set record = ?, used = ? where id = ? and used = 0 returning id", [record, used ? 1 : 0, id]);
      return rows.length === 1;
    },
    async delete(id: string): Promise<void> {
      await db.execute("delete from captcha where id = ?", [id]);
    },
    /** The view (JSON) of the flow's newest unused challenge still open after `liveAfter`. */
    async shownView(flowId: string, liveAfter: Date): Promise<string | undefined> {
      const rows = await db.execute<{ view: string }>(
        "select view from captcha where flow_id = ? and used = 0 and view is not null and expires_at > ? order by expires_at desc limit 1",
        [flowId, liveAfter],
      );
      return rows[0]?.view;
    },
    async setView(id: string, view: string): Promise<void> {
      await db.execute("update captcha set view = ? where id = ?", [view, id]);
    },
  };
}
export type CaptchaRepository = ReturnType<typeof captchaRepository>;
