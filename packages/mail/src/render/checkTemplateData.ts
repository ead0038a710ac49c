import type { FieldKind } from "../templates/MailTemplate.js";
import { isHttpUrl } from "./isHttpUrl.js";

const valid: Record<FieldKind, (value: string) => boolean> = {
  text: (value) => value.trim() !== "",
  url: isHttpUrl,
  code: (value) => /^\d{6}$/.test(value),
  civility: (value) => value === "Madame" || value === "Monsieur",
  lines: (value) => value.trim() !== "",
};

/**
 * Checks data against a template's declared fields. Outbox rows arrive as `unknown` from the
 * database, so a bad row must fail here, loudly, rather than send a broken e-mail.
 */
export function checkTemplateData(template: string, fields: Record<string, FieldKind>, data: unknown): Record<string, string> {
  if (typeof data !== "object" || data === null) throw new TypeError(`${template}: data must be an object`);
  const record = data as Record<string, unknown>;
  const checked: Record<string, string> = {};
  for (const [name, kind] of Object.entries(fields)) {
    const value = record[name];
    if (typeof value !== "string" || !valid[kind](value)) {
      throw new TypeError(`${template}: field ${name} is not a valid ${kind}`);
    }
    checked[name] = value;
  }
  return checked;
}
