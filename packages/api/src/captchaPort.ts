import { captchaMessages, createCaptchaService, type CaptchaStore, type PublicChallenge } from "@guichet/captcha";
import type { CaptchaView } from "@guichet/schema";
import type { Database } from "@guichet/db";
import type { CaptchaPort } from "./flowRuntime";

const toView = (c: PublicChallenge): Extract<CaptchaView, { disabled: false }> => ({
  disabled: false,
  challengeId: c.id,
  prompt: c.prompt,
  cells: c.cells.map((cell) => ({ key: cell.key, src: cell.svg })),
  question: c.alternative.question,
});

/** Challenges kept in the database, so any server process can check an answer. */
export function databaseCaptchaStore(db: Database): CaptchaStore {
  return {
    async save(record) {
      await db.execute("insert into captcha (id, flow_id, record, expires_at) values (?, ?, ?, ?)", [
        record.id, record.flowId, JSON.stringify(record), new Date(record.expiresAt),
      ]);
    },
    async get(id) {
      const rows = await db.execute<{ record: string }>("select record from captcha where id = ?", [id]);
      return rows[0] ? JSON.parse(rows[0].record) : undefined;
    },
    async update(record) {
      // Compare-and-set on the flag: of two simultaneous answers only one claims the challenge.
      const rows = await db.execute("update captcha set record = ?, used = ? where id = ? and used = 0 returning id", [
        JSON.stringify(record), record.used ? 1 : 0, record.id,
      ]);
      return rows.length === 1;
    },
    async delete(id) {
      await db.execute("delete from captcha where id = ?", [id]);
    },
  };
}

/** The challenge a flow was last shown, while it can still be answered: a reload shows the same pictures. */
function shownChallenges(db: Database) {
  return {
    async current(flowId: string, now: number): Promise<CaptchaView | undefined> {
      const rows = await db.execute<{ view: string }>(
        "select view from captcha where flow_id = ? and used = 0 and view is not null and expires_at > ? order by expires_at desc limit 1",
        [flowId, new Date(now + 60_000)],
      );
      return rows[0] ? (JSON.parse(rows[0].view) as CaptchaView) : undefined;
    },
    async remember(view: CaptchaView & { disabled: false }) {
      await db.execute("update captcha set view = ? where id = ?", [JSON.stringify(view), view.challengeId]);
    },
  };
}

export function captchaPort(options: { store: CaptchaStore; disabled: boolean; now?: () => number; db?: Database }): CaptchaPort {
  const service = createCaptchaService({ store: options.store, ...(options.now ? { now: options.now } : {}) });
  if (options.disabled) {
    return { disabled: true, issue: async () => ({ disabled: true }), verify: async () => ({ ok: true }) };
  }
  async function currentOrNew(flowId: string) {
    const now = options.now?.() ?? Date.now();
    const shown = options.db ? shownChallenges(options.db) : undefined;
    const current = await shown?.current(flowId, now);
    if (current) return current;
    const view = toView(await service.issue(flowId));
    await shown?.remember(view);
    return view;
  }
  // A move onto the step and the other open views it wakes all ask at once: they share one challenge.
  const issuing = new Map<string, Promise<CaptchaView>>();
  return {
    disabled: false,
    issue(flowId) {
      let pending = issuing.get(flowId);
      if (!pending) {
        pending = currentOrNew(flowId).finally(() => issuing.delete(flowId));
        issuing.set(flowId, pending);
      }
      return pending;
    },
    async verify(flowId, answer) {
      const verdict = await service.verify(
        flowId,
        answer.challengeId,
        answer.cellKey ? { cellKey: answer.cellKey } : { text: answer.text ?? "" },
      );
      if (verdict.ok) return { ok: true };
      const next = toView(verdict.next);
      if (options.db) await shownChallenges(options.db).remember(next);
      return { ok: false, message: captchaMessages[verdict.reason], next };
    },
  };
}
