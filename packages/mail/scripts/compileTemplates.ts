// npm run build: every template through MJML, then Handlebars' precompiler, once, into dist/precompiled.js
// (an ES module) for the built server; dist/templates.json keeps the HTML and text after MJML, to read.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileTemplateSources, createMailRenderer } from "../src/index.js";
import { precompileSource } from "../src/render/compileTemplate.js";

const sources = await compileTemplateSources();
// The same rehearsal the server makes at start: a broken template fails the build, not a deployment.
await createMailRenderer({ sources });
const precompiled = Object.entries(sources).map(([name, source]) => `${JSON.stringify(name)}:${precompileSource(source)}`);
const dist = fileURLToPath(new URL("../dist/", import.meta.url));
mkdirSync(dist, { recursive: true });
writeFileSync(`${dist}templates.json`, `${JSON.stringify(sources)}\n`);
writeFileSync(`${dist}precompiled.js`, `export const precompiledTemplates = {${precompiled.join(",")}};\n`);
