// npm run build: the production server as plain JavaScript in dist/, run with `node dist/main.js`.
// The workspace packages (TypeScript sources) are bundled in; every npm package stays an import of
// node_modules, so native modules (better-sqlite3, sharp) and worker threads load as they do in
// development. Run by turbo after the packages' own builds (the e-mail templates, compiled from MJML).
import { readFileSync, rmSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = fileURLToPath(new URL("../", import.meta.url));
// Another folder may be named (tests build there, beside a dist/ another test may be running from).
const dist = process.argv[2] ? `${resolve(process.argv[2])}/` : `${here}dist/`;
const templates = fileURLToPath(new URL("../../../packages/mail/dist/precompiled.js", import.meta.url));

const BUNDLED = /^(@guichet\/|effect(\/|$))/;

/** @type {import("esbuild").Plugin} */
const workspace = {
  name: "guichet-workspace",
  setup(b) {
    // npm packages are imported at run time from node_modules; @guichet/* are sources, bundled. So is
    // Effect: its entry point loads every module (some 30 MB of heap and code), the bundle keeps what is used.
    b.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED.test(args.path) ? undefined : { path: args.path, external: true }));
    // The e-mail templates as precompiled at build time (MJML, then Handlebars): the running server
    // loads neither MJML nor Handlebars' compiler, only its runtime.
    b.onLoad({ filter: /packages[\\/]mail[\\/]src[\\/]precompiled\.ts$/ }, () => ({ contents: readFileSync(templates, "utf8"), loader: "js" }));
    // Files found next to a source file (data, the password-strength worker, the apps' dist folders)
    // are found where they are: import.meta.url stays the source file's address, relative to dist/.
    b.onLoad({ filter: /\.(ts|mjs)$/ }, (args) => {
      if (args.path.includes("node_modules")) return undefined;
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const from = relative(dist, args.path).split("\\").join("/");
      return {
        contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(from)}, import.meta.url).href`),
        loader: args.path.endsWith(".ts") ? "ts" : "js",
        resolveDir: dirname(args.path),
      };
    });
  },
};

rmSync(dist, { recursive: true, force: true });
await build({
  // The operator commands too: run as plain JavaScript, they start in a fraction of the time and memory.
  entryPoints: { main: `${here}src/main.ts`, importRegistry: `${here}src/cli/importRegistry.ts` },
  outdir: dist,
  bundle: true,
  // Pieces imported only on demand (the XState inspector) stay in chunks of their own, never loaded otherwise.
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outExtension: { ".js": ".js" },
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
  plugins: [workspace],
});
