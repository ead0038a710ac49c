import type { Tenant } from "../Tenant.js";
import { checkTemplateData } from "./checkTemplateData.js";
import type { CompiledTemplate } from "./compileTemplate.js";
import { singleLine } from "./singleLine.js";
import { tenantContext } from "./tenantContext.js";

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** Fills a compiled template: checked data, HTML-escaped in the HTML part, kept on one line in the text part. */
export function renderCompiled(name: string, compiled: CompiledTemplate, data: unknown, tenant: Tenant): RenderedMail {
  const checked = checkTemplateData(name, compiled.fields, data);
  const context = tenantContext(tenant);
  // A `lines` field becomes its lines, each one a line of its own in both parts, and nothing more.
  const fields = Object.fromEntries(
    Object.entries(checked).map(([key, value]) => [key, compiled.fields[key] === "lines" ? value.split("\n").filter((line) => line.trim() !== "") : value]),
  );
  const textFields = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, Array.isArray(value) ? value.map(singleLine) : singleLine(value)]));
  return {
    subject: compiled.subject,
    html: compiled.html({ ...fields, subject: compiled.subject, ...context.html }),
    text: compiled.text({ ...textFields, ...context.text }),
  };
}
