import type { Tenant } from "../Tenant.js";
import { templates, type TemplateData, type TemplateName } from "../templates/templates.js";
import type { CompiledTemplate, TemplateSource } from "./compileTemplate.js";
import { fromPrecompiled, type PrecompiledTemplate } from "./precompiledTemplate.js";
import { rehearseTemplate } from "./rehearseTemplate.js";
import { renderCompiled, type RenderedMail } from "./renderCompiled.js";

export interface MailRenderer {
  /** Synchronous and MJML-free: fills the templates compiled at start-up. */
  render<N extends TemplateName>(template: N, data: TemplateData[N], tenant: Tenant): RenderedMail;
}

/** Every template after MJML, by name: what `npm run build` writes to dist/templates.json. */
export type TemplateSources = Record<string, TemplateSource>;

/** Every template precompiled by the build, by name: what the built server carries. */
export type PrecompiledTemplates = Record<string, PrecompiledTemplate>;

/** Every template through MJML, now: the build calls it, and the server run from source. */
export async function compileTemplateSources(): Promise<TemplateSources> {
  const { templateSource } = await import("./compileTemplate.js");
  const entries = await Promise.all(Object.entries(templates).map(async ([name, template]) => [name, await templateSource(name, template)] as const));
  return Object.fromEntries(entries);
}

/**
 * Compiles every template once (MJML → HTML → Handlebars, or Handlebars alone from sources already
 * through MJML) and rehearses it; rejects if any template does not compile or is missing, so a broken
 * template stops the server at start, not at first send. With `precompiled` (the built server), only
 * Handlebars' runtime is loaded: neither MJML nor Handlebars' compiler.
 */
export async function createMailRenderer(options: { sources?: TemplateSources; precompiled?: PrecompiledTemplates } = {}): Promise<MailRenderer> {
  const { precompiled } = options;
  const sources = precompiled ? undefined : (options.sources ?? (await compileTemplateSources()));
  const compileSource = sources ? (await import("./compileTemplate.js")).compileSource : undefined;
  const compiled = new Map<string, CompiledTemplate>();
  for (const name of Object.keys(templates)) {
    const given = precompiled ?? sources!;
    if (!Object.hasOwn(given, name)) throw new Error(`E-mail template "${name}" is missing from the compiled templates (npm run build)`);
    const ready = precompiled ? fromPrecompiled(precompiled[name]!) : compileSource!(sources![name]!);
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
