import type { Tenant } from "../Tenant.js";
import { templates, type TemplateData, type TemplateName } from "../templates/templates.js";
import { compileSource, templateSource, type CompiledTemplate, type TemplateSource } from "./compileTemplate.js";
import { rehearseTemplate } from "./rehearseTemplate.js";
import { renderCompiled, type RenderedMail } from "./renderCompiled.js";

export interface MailRenderer {
  /** Synchronous and MJML-free: fills the templates compiled at start-up. */
  render<N extends TemplateName>(template: N, data: TemplateData[N], tenant: Tenant): RenderedMail;
}

/** Every template after MJML, by name: what `npm run build` writes to dist/templates.json. */
export type TemplateSources = Record<string, TemplateSource>;

/** Every template through MJML, now: the build calls it, and the server run from source. */
export async function compileTemplateSources(): Promise<TemplateSources> {
  const entries = await Promise.all(Object.entries(templates).map(async ([name, template]) => [name, await templateSource(name, template)] as const));
  return Object.fromEntries(entries);
}

/**
 * Compiles every template once (MJML → HTML → Handlebars, or Handlebars alone from sources the build
 * compiled) and rehearses it; rejects if any template does not compile or is missing, so a broken
 * template stops the server at start, not at first send.
 */
export async function createMailRenderer(options: { sources?: TemplateSources } = {}): Promise<MailRenderer> {
  const sources = options.sources ?? (await compileTemplateSources());
  const compiled = new Map<string, CompiledTemplate>();
  for (const name of Object.keys(templates)) {
    const source = Object.hasOwn(sources, name) ? sources[name] : undefined;
    if (!source) throw new Error(`E-mail template "${name}" is missing from the compiled templates (npm run build)`);
    const ready = compileSource(source);
    rehearseTemplate(name, ready);
    compiled.set(name, ready);
  }
  return {
    render(template, data, tenant) {
      // The name may come from a database row: a Map lookup cannot reach Object.prototype.
      const ready = compiled.get(template);
      if (!ready) throw new Error(`Unknown e-mail template "${String(template)}"`);
      return renderCompiled(template, ready, data, tenant);
    },
  };
}
