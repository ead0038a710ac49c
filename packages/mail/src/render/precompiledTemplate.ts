import HandlebarsRuntime from "handlebars/runtime.js";
import type { FieldKind } from "../templates/MailTemplate.js";
import type { CompiledTemplate } from "./compileTemplate.js";

/** One template as the build precompiled it (compileTemplate.ts's precompileSource): Handlebars specifications, not sources. */
export interface PrecompiledTemplate {
  subject: string;
  fields: Record<string, FieldKind>;
  html: TemplateSpecification;
  text: TemplateSpecification;
}

// A private Handlebars instance: helpers registered elsewhere in the process cannot leak in. The
// runtime's own typings declare nothing; it is the full module's API without parse and compile.
// (The file name has its extension: Node's ES module loader finds no other, handlebars having no exports map.)
const runtime = (HandlebarsRuntime as unknown as typeof import("handlebars")).create();

/** The two functions of a precompiled template, by Handlebars' runtime only: no parser, no compiler. */
export function fromPrecompiled(template: PrecompiledTemplate): CompiledTemplate {
  return { subject: template.subject, fields: template.fields, html: runtime.template(template.html), text: runtime.template(template.text) };
}
