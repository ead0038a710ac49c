import { captchaMessages, createCaptchaService, type CaptchaStore, type PublicChallenge } from "@guichet/captcha";
import type { CaptchaView } from "@guichet/schema";
import type { Database } from "@guichet/db";
import type { CaptchaPort } from "./flowRuntime";

const toView = (c: PublicChallenge): CaptchaView => ({
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
      // Compare-and-set on the stored text: of two simultaneous answers only one claims the challenge.
      const rows = await db.execute("update captcha set record = ? where id = ? and record not like ? returning id", [
        JSON.stringify(record), record.id, '%"used":true%',
      ]);
      return rows.length === 1;
    },
    async delete(id) {
      await db.execute("delete from captcha where id = ?", [id]);
    },
  };
}

export function captchaPort(options: { store: CaptchaStore; disabled: boolean; now?: () => number }): CaptchaPort {
  const service = createCaptchaService({ store: options.store, ...(options.now ? { now: options.now } : {}) });
  if (options.disabled) {
    return { disabled: true, issue: async () => ({ disabled: true }), verify: async () => ({ ok: true }) };
  }
  return {
    disabled: false,
    issue: async (flowId) => toView(await service.issue(flowId)),
    async verify(flowId, answer) {
      const verdict = await service.verify(
        flowId,
        answer.challengeId,
        answer.cellKey ? { cellKey: answer.cellKey } : { text: answer.text ?? "" },
      );
      if (verdict.ok) return { ok: true };
      return { ok: false, message: captchaMessages[verdict.reason], next: toView(verdict.next) };
    },
  };
}
