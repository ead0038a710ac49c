// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient mjml module must reach the other workspaces' programs that compile this file
/// <reference path="../mjml.d.ts" />
import Handlebars from "handlebars";
import { brandSentinel } from "../templates/brandSentinel.js";
import { layoutMjml } from "../templates/layoutMjml.js";
import { layoutText } from "../templates/layoutText.js";
import type { FieldKind, MailTemplate } from "../templates/MailTemplate.js";

export interface CompiledTemplate {
  subject: string;
  fields: Record<string, FieldKind>;
  html: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
}

/** One template after MJML: Handlebars sources only, as the build writes them for the production server. */
export interface TemplateSource {
  subject: string;
  fields: Record<string, FieldKind>;
  html: string;
  text: string;
}

let mjmlModule: Promise<typeof import("mjml")> | undefined;

// A private Handlebars instance: helpers registered elsewhere in the process cannot leak in.
const handlebars = Handlebars.create();

/**
 * MJML runs here, on a source holding only placeholders. It is imported only when called: the built
 * server gets the templates compiled at build time and never loads MJML.
 */
export async function templateSource(name: string, template: MailTemplate<unknown>): Promise<TemplateSource> {
  const { default: mjml2html } = await (mjmlModule ??= import("mjml"));
  const source = layoutMjml(template.preview, template.mjmlBody);
  let compiled: Awaited<ReturnType<typeof mjml2html>>;
  try {
    compiled = await mjml2html(source, { validationLevel: "strict", keepComments: false, fonts: {} });
  } catch (error) {
    throw new Error(`MJML template "${name}" does not compile: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (compiled.errors.length > 0) {
    throw new Error(`MJML template "${name}" does not compile:\n${compiled.errors.map((error) => error.formattedMessage).join("\n")}`);
  }
  let html = compiled.html;
  for (const [key, colour] of Object.entries(brandSentinel)) html = html.replaceAll(colour, `{{brand.${key}}}`);
  return { subject: template.subject, fields: template.fields as Record<string, FieldKind>, html, text: layoutText(template.textBody) };
}

/**
 * Turns a template's sources into two Handlebars functions; the HTML escapes every value at send
 * time. `strict` makes a placeholder without data throw instead of silently printing nothing.
 */
export function compileSource(source: TemplateSource): CompiledTemplate {
  return {
    subject: source.subject,
    fields: source.fields,
    html: handlebars.compile(source.html, HTML_OPTIONS),
    text: handlebars.compile(source.text, TEXT_OPTIONS),
  };
}

const HTML_OPTIONS = { strict: true, knownHelpersOnly: true };
const TEXT_OPTIONS = { ...HTML_OPTIONS, noEscape: true };

/**
 * The same two Handlebars functions as JavaScript source, for the build: `{ subject, fields, html, text }`
 * where html and text are Handlebars' precompiled specifications, which its runtime alone turns into
 * functions (precompiledTemplate.ts), so the built server never loads Handlebars' compiler.
 */
export function precompileSource(source: TemplateSource): string {
  // precompile() answers JavaScript source, whatever its declared type.
  const spec = (input: string, options: typeof HTML_OPTIONS) => String(handlebars.precompile(input, options));
  return `{"subject":${JSON.stringify(source.subject)},"fields":${JSON.stringify(source.fields)},"html":${spec(source.html, HTML_OPTIONS)},"text":${spec(source.text, TEXT_OPTIONS)}}`;
}

/** MJML → HTML → Handlebars, in one go (the server run from source, and the tests). */
export async function compileTemplate(name: string, template: MailTemplate<unknown>): Promise<CompiledTemplate> {
  return compileSource(await templateSource(name, template));
}
