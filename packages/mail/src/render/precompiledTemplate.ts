import HandlebarsRuntime from "handlebars/runtime";
import type { FieldKind } from "../templates/MailTemplate.js";
import type { CompiledTemplate } from "./compileTemplate.js";

/** One template as the build precompiled it (compileTemplate.ts's precompileSource): Handlebars specifications, not sources. */
export interface PrecompiledTemplate {
  subject: string;
  fields: Record<string, FieldKind>;
  html: TemplateSpecification;
  text: TemplateSpecification;
}

// A private Handlebars instance: helpers registered elsewhere in the process cannot leak in.
const runtime = HandlebarsRuntime.create();

/** The two functions of a precompiled template, by Handlebars' runtime only: no parser, no compiler. */
export function fromPrecompiled(template: PrecompiledTemplate): CompiledTemplate {
  return { subject: template.subject, fields: template.fields, html: runtime.template(template.html), text: runtime.template(template.text) };
}
