import type { FieldKind } from "../templates/MailTemplate.js";
import type { CompiledTemplate } from "./compileTemplate.js";
import { renderCompiled } from "./renderCompiled.js";

const sampleTenant = {
  name: "Commune exemple",
  phone: "01 23 45 67 89",
  email: "mairie@example.invalid",
  primaryColor: "#205080",
  publicUrl: "https://example.invalid/",
};

const sample: Record<FieldKind, (field: string) => string> = {
  text: (field) => `Exemple${field}`,
  url: (field) => `https://example.invalid/${field}`,
  code: () => "123456",
  civility: () => "Madame",
  lines: (field) => `Exemple${field}`,
};

/**
 * Renders a template once with made-up data, at start-up: it forces Handlebars' lazy compilation
 * now rather than on the first e-mail, and fails if a placeholder has no declared field (strict
 * mode throws) or a declared field is missing from either part.
 */
export function rehearseTemplate(name: string, compiled: CompiledTemplate): void {
  const data = Object.fromEntries(Object.entries(compiled.fields).map(([field, kind]) => [field, sample[kind](field)]));
  const mail = renderCompiled(name, compiled, data, sampleTenant);
  for (const [field, value] of Object.entries(data)) {
    if (!mail.html.includes(value)) throw new Error(`Template "${name}": field ${field} does not appear in the HTML part`);
    if (!mail.text.includes(value)) throw new Error(`Template "${name}": field ${field} does not appear in the text part`);
  }
}
