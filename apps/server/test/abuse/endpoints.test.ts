import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousFloor, appRouter, sessionRequired } from "@guichet/api";
import { createHttpServer } from "../../src/httpServer";
import { startTestServer, type TestServer } from "../testServer";

/**
 * docs/abuse-limits.md, "Every anonymous endpoint": one row per procedure and route a stranger can reach,
 * with its rate bound, its input bound and where its work goes. A new anonymous procedure or route
 * without a row (or with an empty cell) fails here; so does an anonymous procedure that skips the floor.
 */
const doc = readFileSync(new URL("../../../../docs/abuse-limits.md", import.meta.url), "utf8");
const section = doc.slice(doc.indexOf("## Every anonymous endpoint"), doc.indexOf("\n## ", doc.indexOf("## Every anonymous endpoint") + 1));
const rows = section
  .split("\n")
  .filter((line) => line.startsWith("| ") && !/^\| -/.test(line) && !line.startsWith("| endpoint"))
  .map((line) =>
    line
      .slice(1, -1)
      .split(" | ")
      .map((cell) => cell.trim()),
  );
/** Every name written in backticks in a row's first cell. */
const documented = new Set(rows.flatMap(([first]) => [...(first ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]!)));

type ProcedureDef = { _def: { middlewares: unknown[] } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);
const has = (p: ProcedureDef, builder: { _middlewares: unknown[] }) => builder._middlewares.every((m) => p._def.middlewares.includes(m));
const anonymous = procedures.filter(([, p]) => !has(p, sessionRequired)).map(([path]) => path);

describe("every anonymous endpoint is bounded, and says how in docs/abuse-limits.md", () => {
  it("has a row for each of the router's anonymous procedures, every cell filled", () => {
    expect(anonymous.length).toBeGreaterThan(25);
    expect(anonymous.filter((path) => !documented.has(path))).toEqual([]);
    for (const row of rows) {
      expect(row, row[0]).toHaveLength(4);
      for (const cell of row) expect(cell, row[0]).not.toMatch(/^(|—|-|none|\?)$/);
    }
  });

  it("passes every anonymous procedure through the floor first", () => {
    expect(procedures.filter(([, p]) => !has(p, sessionRequired) && !has(p, anonymousFloor)).map(([path]) => path)).toEqual([]);
    // The session check is recognised: Mon espace's procedures are not anonymous.
    expect(anonymous).not.toContain("account.addServiceKey");
  });

  it("lists no procedure that no longer exists", () => {
    const known = new Set(procedures.map(([path]) => path));
    const named = [...documented].filter((name) => /^[a-z]+(\.[a-zA-Z]+)?$/.test(name) && !name.includes("/"));
    expect(named.filter((name) => !known.has(name))).toEqual([]);
  });

  describe("the server's routes", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ GUICHET_WORKER: "off", GUICHET_INSPECT: "1" });
    });
    afterAll(() => server.close());

    it("has a row for each route the server answers", async () => {
      const app = await createHttpServer(server.guichet);
      await app.ready();
      // printRoutes draws a tree: "├── /api/photo (POST)" then "│   └── /:id (GET, HEAD)".
      const paths: string[] = [];
      const parents: string[] = [];
      for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
        const m = /^([│ ]*)[├└]── (\S+)/.exec(line);
        if (!m) continue;
        const depth = m[1]!.length / 4;
        // The apps' files (when built) are one wildcard route, drawn as "*".
        const segment = depth === 0 && !m[2]!.startsWith("/") ? `/${m[2]!}` : m[2]!;
        parents[depth] = (depth > 0 ? parents[depth - 1]! : "") + segment;
        paths.push(parents[depth]!);
      }
      await app.close();
      expect(paths).toContain("/healthz");
      const unlisted = paths.filter((p) => !documented.has(p) && !p.startsWith("/dev/inspect/"));
      expect(unlisted).toEqual([]);
    });
  });
});
