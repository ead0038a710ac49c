// npm run build: every template through MJML once, into dist/templates.json for the built server.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileTemplateSources, createMailRenderer } from "../src/index.js";

const sources = await compileTemplateSources();
// The same rehearsal the server makes at start: a broken template fails the build, not a deployment.
await createMailRenderer({ sources });
const dist = fileURLToPath(new URL("../dist/", import.meta.url));
mkdirSync(dist, { recursive: true });
writeFileSync(`${dist}templates.json`, `${JSON.stringify(sources)}\n`);
