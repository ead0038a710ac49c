import type { CaptchaRecord, CaptchaStore } from "./captchaStore.js";

/** A store in a Map, for tests and demos: lost on restart and not shared between processes. */
export function inMemoryCaptchaStore(): CaptchaStore & { size(): number } {
  const records = new Map<string, CaptchaRecord>();
  return {
    async save(record) {
      records.set(record.id, structuredClone(record));
    },
    async get(id) {
      const record = records.get(id);
      return record && structuredClone(record);
    },
    async update(record) {
      const stored = records.get(record.id);
      if (!stored || stored.used) return false;
      records.set(record.id, structuredClone(record));
      return true;
    },
    async delete(id) {
      records.delete(id);
    },
    size: () => records.size,
  };
}
