import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

/*
 * Every environment variable the server reads is documented, in README's table or in docs/configuration.md
 * (which README links): README once listed 26 of 42 and an operator could not know the others existed.
 */
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The server's own sources and the packages it runs (not the local FranceConnect stand-in, a tool of its own), tests aside. */
function serverSources(): string[] {
  const roots = [
    join(repoRoot, "apps/server/src"),
    ...readdirSync(join(repoRoot, "packages"))
      .filter((name) => name !== "franceconnect-dev")
      .map((name) => join(repoRoot, "packages", name, "src")),
  ];
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) files.push(path);
    }
  };
  roots.forEach(walk);
  return files;
}

/** The names a source reads: `env.X`, `env["X"]`, `{ X: x } = env`, a parameter typed `env: { X?: string }`, and names handed to a reader as strings. */
function variablesRead(source: string): Set<string> {
  const names = new Set<string>();
  const add = (re: RegExp, group = 1) => {
    for (const m of source.matchAll(re)) names.add(m[group]!);
  };
  add(/\benv\.([A-Z][A-Z0-9_]+)\b/g);
  add(/\benv\[\s*["']([A-Z][A-Z0-9_]+)["']\s*\]/g);
  add(/["']((?:GUICHET|CAPTCHETAT|FRANCECONNECT|SMTP|MAIL|DKIM|METRICS)_[A-Z0-9_]+)["']/g);
  for (const m of source.matchAll(/\{([^{}]*)\}\s*=\s*(?:process\.)?env\b|\benv\??:\s*\{([^{}]*)\}/g)) {
    for (const n of (m[1] ?? m[2] ?? "").matchAll(/\b([A-Z][A-Z0-9_]+)\b/g)) names.add(n[1]!);
  }
  return names;
}

it("documents every environment variable the server reads, in README or docs/configuration.md, which README links", () => {
  const read = new Set(serverSources().flatMap((file) => [...variablesRead(readFileSync(file, "utf8"))]));
  // The scan finds what it must: not vacuous.
  for (const known of ["PORT", "SMTP_URL", "DKIM_DOMAIN", "FRANCECONNECT_SCOPES", "GUICHET_MAIL_PER_CLIENT_HOUR", "CAPTCHETAT_URL", "GUICHET_ALLOW_INSECURE"]) {
    expect(read, known).toContain(known);
  }
  expect(read.size).toBeGreaterThanOrEqual(40);

  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const configuration = readFileSync(join(repoRoot, "docs/configuration.md"), "utf8");
  expect(readme).toContain("](docs/configuration.md)");
  const documented = (name: string) => new RegExp(`\`${name}\``).test(readme) || new RegExp(`\`${name}\``).test(configuration);
  expect([...read].filter((name) => !documented(name)).sort()).toEqual([]);
});

it("finds the names however a source reads them", () => {
  const source = `
    const a = env.PORT; const b = process.env.HOST; const c = env["METRICS_PORT"];
    const { DKIM_DOMAIN: domain, DKIM_SELECTOR } = env;
    function f(env: { SMTP_URL?: string; MAIL_DIR?: string }) {}
    count(env, "GUICHET_MAIL_PER_CLIENT_HOUR", 20);
  `;
  expect([...variablesRead(source)].sort()).toEqual(
    ["DKIM_DOMAIN", "DKIM_SELECTOR", "GUICHET_MAIL_PER_CLIENT_HOUR", "HOST", "MAIL_DIR", "METRICS_PORT", "PORT", "SMTP_URL"].sort(),
  );
});
