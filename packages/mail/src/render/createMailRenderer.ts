import type { Tenant } from '../Tenant.js';
import { templates, type TemplateData, type TemplateName } from '../templates/templates.js';
import { compileTemplate, type CompiledTemplate } from './compileTemplate.js';
import { rehearseTemplate } from './rehearseTemplate.js';
import { renderCompiled, type RenderedMail } from './renderCompiled.js';

export interface MailRenderer {
  /** Synchronous and MJML-free: fills the templates compiled at start-up. */
  render<N extends TemplateName>(template: N, data: TemplateData[N], tenant: Tenant): RenderedMail;
}

/**
 * Compiles every template once (MJML → HTML → Handlebars) and rehearses it; rejects if any
 * template does not compile, so a broken template stops the server at start, not at first send.
 */
export async function createMailRenderer(): Promise<MailRenderer> {
  const compiled = new Map<string, CompiledTemplate>();
  await Promise.all(
    Object.entries(templates).map(async ([name, template]) => {
      const ready = await compileTemplate(name, template);
      rehearseTemplate(name, ready);
      compiled.set(name, ready);
    }),
  );
  return {
    render(template, data, tenant) {
      // The name may come from a database row: a Map lookup cannot reach Object.prototype.
      const ready = compiled.get(template);
      if (!ready) throw new Error(`Unknown e-mail template "${String(template)}"`);
      return renderCompiled(template, ready, data, tenant);
    },
  };
}
