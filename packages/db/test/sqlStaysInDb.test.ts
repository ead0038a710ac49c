import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * SQL lives in packages/db, behind the repositories (docs/data-access.md). This check reads the
 * source of every other workspace (apps/<name>/src, packages/<name>/src; tests and benches aside)
 * and refuses SQL in a string and any reach for the database connection.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

const SQL =
  /\b(select\s[\s\S]*?\sfrom\s+[a-z_]|insert\s+into\s|update\s+[a-z_]+\s+set\s|delete\s+from\s|on\s+conflict\b|for\s+update\b|returning\s+[a-z_*]|pg_notify|pg_advisory)/i;
const CONNECTION = [
  /\.(execute|getConnection|getKnex|getTransactionContext|transactional|nativeUpdate|nativeDelete|nativeInsert|createQueryBuilder)\s*[<(]/,
  /\.em\(\)/,
  /\.query\s*[<(]\s*["'`]/,
  /from\s+["'](@mikro-orm\/[^"']+|knex|better-sqlite3)["']/,
];
// Quoted strings and template literals (a template's `${…}` parts stay in, which is what we want).
const LITERAL = /(["'`])((?:\\[\s\S]|(?!\1)[^\\])*?)\1/g;

/** What a source file does that only packages/db may do: one line per finding. */
export function sqlFindings(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const found: string[] = [];
  for (const [, , text] of code.matchAll(LITERAL)) if (text && SQL.test(text)) found.push(`SQL: ${text.trim().slice(0, 80)}`);
  for (const pattern of CONNECTION) {
    const match = pattern.exec(code);
    if (match) found.push(`connection: ${match[0]}`);
  }
  return found;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "test" || name === "__tests__") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !/\.(test|spec|e2e)\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

function workspaceSources(): string[] {
  const files: string[] = [];
  for (const group of ["apps", "packages"]) {
    for (const name of readdirSync(join(root, group))) {
      if (group === "packages" && name === "db") continue;
      const src = join(root, group, name, "src");
      try {
        if (statSync(src).isDirectory()) files.push(...sources(src));
      } catch {
        // A workspace without src/.
      }
    }
  }
  return files;
}

describe("SQL stays in packages/db", () => {
  it("recognises SQL and connection access, and not ordinary code or prose", () => {
    expect(sqlFindings('await db.execute("select id from flow where id = ?", [id]);')).toHaveLength(2);
    expect(sqlFindings("const q = `update outbox set sent_at = ? where id = ${x}`;")).toHaveLength(1);
    expect(sqlFindings('sql("delete from session where id = ?")')).toHaveLength(1);
    expect(sqlFindings('import { EntityManager } from "@mikro-orm/core";')).toHaveLength(1);
    expect(sqlFindings("const em = db.em();")).toHaveLength(1);
    expect(sqlFindings('await client.query("select 1")')).toHaveLength(1);
    expect(sqlFindings('tx.getConnection().execute(sql, params, "run", tx.getTransactionContext())')).toHaveLength(1);
    expect(sqlFindings('kind: "select", label: "Choisissez dans la liste"')).toEqual([]);
    expect(sqlFindings("// the select keeps its current value; update the view from the server\nconst a = 1;")).toEqual([]);
    expect(sqlFindings('message: "Veuillez sélectionner une date dans la liste déroulante."')).toEqual([]);
    expect(sqlFindings("await sessions.deleteEnded(at);")).toEqual([]);
  });

  it("finds no SQL nor connection access in any other workspace's source", () => {
    const files = workspaceSources();
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .map((file) => ({ file: relative(root, file), findings: sqlFindings(readFileSync(file, "utf8")) }))
      .filter((f) => f.findings.length > 0);
    expect(offenders).toEqual([]);
  });
});
