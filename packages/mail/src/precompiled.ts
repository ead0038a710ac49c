import type { TemplateSources } from "./render/createMailRenderer.js";

/**
 * The templates compiled by `npm run build` (dist/templates.json). Run from source this is undefined
 * and the renderer compiles MJML at start, so an edited template shows at once; the server's build
 * puts the compiled templates here, so the running server never loads MJML.
 */
export const precompiledTemplates: TemplateSources | undefined = undefined;
