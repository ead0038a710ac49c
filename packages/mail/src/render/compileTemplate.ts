// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient mjml module must reach the other workspaces' programs that compile this file
/// <reference path="../mjml.d.ts" />
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import { brandSentinel } from '../templates/brandSentinel.js';
import { layoutMjml } from '../templates/layoutMjml.js';
import { layoutText } from '../templates/layoutText.js';
import type { FieldKind, MailTemplate } from '../templates/MailTemplate.js';

export interface CompiledTemplate {
  subject: string;
  fields: Record<string, FieldKind>;
  html: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
}

// A private Handlebars instance: helpers registered elsewhere in the process cannot leak in.
const handlebars = Handlebars.create();

/**
 * Turns one template into two Handlebars functions: MJML runs here, once, on a source holding only
 * placeholders; the HTML it returns escapes every value at send time. `strict` makes a placeholder
 * without data throw instead of silently printing nothing.
 */
export async function compileTemplate(name: string, template: MailTemplate<unknown>): Promise<CompiledTemplate> {
  const source = layoutMjml(template.preview, template.mjmlBody);
  let compiled: Awaited<ReturnType<typeof mjml2html>>;
  try {
    compiled = await mjml2html(source, { validationLevel: 'strict', keepComments: false, fonts: {} });
  } catch (error) {
    throw new Error(`MJML template "${name}" does not compile: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (compiled.errors.length > 0) {
    throw new Error(`MJML template "${name}" does not compile:\n${compiled.errors.map((error) => error.formattedMessage).join('\n')}`);
  }
  let html = compiled.html;
  for (const [key, colour] of Object.entries(brandSentinel)) html = html.replaceAll(colour, `{{brand.${key}}}`);

  const options = { strict: true, knownHelpersOnly: true };
  return {
    subject: template.subject,
    fields: template.fields as Record<string, FieldKind>,
    html: handlebars.compile(html, options),
    text: handlebars.compile(layoutText(template.textBody), { ...options, noEscape: true }),
  };
}
