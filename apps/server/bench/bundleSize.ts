import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface JavaScriptWeight {
  /** Gzip bytes of the scripts the page loads before it can show anything: its entry and what index.html preloads. */
  readonly initialGzip: number;
  /** Gzip bytes of every script of the build, the lazily loaded ones included. */
  readonly totalGzip: number;
  readonly initialFiles: ReadonlyArray<string>;
}

const gz = (file: string) => gzipSync(readFileSync(file)).length;

/** What a built Vite app (its dist/ folder) makes a browser download in JavaScript, gzip-compressed (zlib's default level). */
export function javaScriptWeight(dist: string): JavaScriptWeight | undefined {
  const index = join(dist, "index.html");
  if (!existsSync(index)) return undefined;
  const html = readFileSync(index, "utf8");
  const urls = [
    ...[...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!),
  ];
  const initialFiles = urls.map((u) => join(dist, "assets", u.split("/assets/")[1]!));
  const all = readdirSync(join(dist, "assets"))
    .filter((f) => f.endsWith(".js"))
    .map((f) => join(dist, "assets", f));
  return {
    initialGzip: initialFiles.reduce((n, f) => n + gz(f), 0),
    totalGzip: all.reduce((n, f) => n + gz(f), 0),
    initialFiles,
  };
}
