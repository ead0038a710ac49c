// ESLint flat config for the whole monorepo. Each workspace runs `eslint .`,
// which finds this file by walking up; file patterns below are relative to the root.
// typescript-eslint's "recommended" set, plus two type-aware rules that catch promises nobody waits
// for (a rejected one is lost, a pending one races what follows). They read types through
// `projectService`: each file is checked within its workspace's tsconfig.json. Type checking as such
// stays with `npm run typecheck`.
import { defineConfig } from "eslint/config";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const reactWorkspaces = ["packages/ui/**/*.{ts,tsx}", "apps/web/**/*.{ts,tsx}", "apps/kiosk/**/*.{ts,tsx}"];

export default defineConfig(
  { ignores: ["**/dist/", "**/node_modules/", "**/test-results/", "**/data/", "**/.turbo/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.node },
    },
    rules: {
      // The code base drops keys by destructuring them into `_`-named bindings
      // (`const { password: _p, ...safe } = draft`): that is intended, not dead code.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      parserOptions: {
        // Scripts outside any tsconfig.json "include" get a default program.
        projectService: { allowDefaultProject: ["machines/scripts/*.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A promise is awaited, returned, or marked `void` where fire-and-forget is meant.
      "@typescript-eslint/no-floating-promises": "error",
      // React handlers may be async (`onSubmit={submit}`): the project's idiom, React ignores the result.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: reactWorkspaces,
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: reactWorkspaces,
    rules: {
      // These three come from React Compiler's checks (new in eslint-plugin-react-hooks 7). The project
      // does not build with the compiler, and the spots they flag are deliberate: latest-value refs read by
      // callbacks, state reset in an effect when a prop changes, a render-time clock read. Rewriting them
      // changes behaviour, so for now they warn (visible for new code) instead of failing the lint.
      "react-hooks/refs": "warn",
      "react-hooks/set-state-in-effect": "warn",
      "react-hooks/purity": "warn",
    },
  },
);
