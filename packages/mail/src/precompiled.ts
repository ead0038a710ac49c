import type { PrecompiledTemplates } from "./render/createMailRenderer.js";

/**
 * The templates precompiled by `npm run build` (dist/precompiled.js: MJML, then Handlebars). Run from
 * source this is undefined and the renderer compiles MJML at start, so an edited template shows at once;
 * the server's build puts the precompiled templates here, so the running server loads neither MJML nor
 * Handlebars' compiler, only its runtime.
 */
export const precompiledTemplates: PrecompiledTemplates | undefined = undefined;
