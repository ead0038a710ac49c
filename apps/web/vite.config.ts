import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * @guichet/schema and @guichet/ui declare no "sideEffects" in their package.json, so the bundler keeps every module
 * their barrels reach, and the home page's one `ui` import would drag Effect and the step components in with it.
 * Their modules only declare (no top-level statement beyond import, export, const and function): say so, and each
 * chunk keeps only what it uses. The CSS they import is left alone, and so is @guichet/ui's index, whose one
 * effect is to bring in styles.css.
 */
const workspaceModulesOnlyDeclare = (): Plugin => ({
  name: "guichet:workspace-modules-only-declare",
  apply: "build",
  transform: {
    filter: { id: /[\\/]packages[\\/](schema|ui)[\\/]src[\\/][^?]*\.tsx?$/ },
    handler: (_code, id) => (/[\\/]packages[\\/]ui[\\/]src[\\/]index\.ts$/.test(id) ? null : { moduleSideEffects: false }),
  },
});

// The server serves dist/ at "/" and the API at "/trpc"; in dev, Vite forwards /trpc (and the photo route and the favicon) to it.
export default defineConfig({
  plugins: [react(), workspaceModulesOnlyDeclare()],
  build: { outDir: "dist", emptyOutDir: true },
  server: {
    proxy: Object.fromEntries(["/trpc", "/api", "/favicon.svg"].map((path) => [path, `http://localhost:${process.env.GUICHET_API_PORT ?? 3000}`])),
  },
});
