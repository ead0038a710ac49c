import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** One file of a built app, as it is sent: its bytes, and their brotli and gzip forms when they are worth it. */
export interface StaticFile {
  readonly type: string;
  readonly cacheControl: string;
  /** The identity's tag; the compressed forms' add `-br` and `-gz`. */
  readonly etag: string;
  readonly identity: Buffer;
  readonly br?: Buffer;
  readonly gzip?: Buffer;
}

/** An app's built folder and the address it is served at (ending in "/"). */
export interface StaticMount {
  readonly prefix: string;
  readonly root: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".map", ".webmanifest", ".txt", ".svg"]);
/** Below this, compression saves less than a packet. */
const COMPRESS_FROM_BYTES = 1024;
/** Brotli's quality: 6 makes the web script 85 KB in 18 ms; 11 would save 7 KB more for half a second per file at every start. */
const BROTLI_QUALITY = 6;
/** Vite names the files of assets/ after their content: a browser may keep them for good. Other files are asked again. */
const IMMUTABLE = /(^|\/)assets\//;

const tag = (bytes: Buffer) => createHash("sha256").update(bytes).digest("base64url").slice(0, 27);

async function prepare(path: string, name: string): Promise<StaticFile> {
  const identity = await readFile(path);
  const ext = extname(path).toLowerCase();
  const compress = COMPRESSIBLE.has(ext) && identity.length >= COMPRESS_FROM_BYTES;
  const [br, gz] = compress
    ? await Promise.all([
        brotli(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
        gzipped(identity, { level: 9 }),
      ])
    : [];
  const smaller = (b: Buffer | undefined) => (b && b.length < identity.length * 0.9 ? b : undefined);
  return {
    type: TYPES[ext] ?? "application/octet-stream",
    cacheControl: IMMUTABLE.test(name) ? "public, max-age=31536000, immutable" : "no-cache",
    etag: tag(identity),
    identity,
    ...(smaller(br) ? { br: smaller(br)! } : {}),
    ...(smaller(gz) ? { gzip: smaller(gz)! } : {}),
  };
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * Every file of the built apps, read and compressed once, at start, and kept in memory (a few megabytes): no
 * request reads a file or compresses anything, and an address that is not a file of the build reaches no disk.
 * A rebuilt app is served after a restart.
 */
export async function loadStaticFiles(mounts: readonly StaticMount[]): Promise<ReadonlyMap<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  for (const { prefix, root } of mounts) {
    if (!existsSync(root)) continue;
    const paths = await filesUnder(root);
    const prepared = await Promise.all(
      paths.map(async (path) => {
        const name = relative(root, path).split(sep).join("/");
        return [`${prefix}${name}`, await prepare(path, name)] as const;
      }),
    );
    for (const [url, file] of prepared) files.set(url, file);
    const index = files.get(`${prefix}index.html`);
    if (index) files.set(prefix, index);
  }
  return files;
}

/** The built apps' files of this process: several servers of one process (tests) share them. */
const loaded = new Map<string, Promise<ReadonlyMap<string, StaticFile>>>();
export function staticFiles(mounts: readonly StaticMount[]): Promise<ReadonlyMap<string, StaticFile>> {
  const key = JSON.stringify(mounts);
  let files = loaded.get(key);
  if (!files) loaded.set(key, (files = loadStaticFiles(mounts)));
  return files;
}

/** The form to send for an Accept-Encoding header: brotli, else gzip, else the bytes as they are (a q of 0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined, file: StaticFile): "br" | "gzip" | undefined {
  if (!acceptEncoding || (!file.br && !file.gzip)) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim());
    const q = params.find((p) => p.startsWith("q="));
    weights.set(name!, q ? Number(q.slice(2)) || 0 : 1);
  }
  const accepts = (name: string) => (weights.get(name) ?? weights.get("*") ?? 0) > 0;
  if (file.br && accepts("br")) return "br";
  if (file.gzip && (accepts("gzip") || accepts("x-gzip"))) return "gzip";
  return undefined;
}

/** True when If-None-Match names one of the file's forms (or "*"): the browser's copy is current. */
export function isCurrent(ifNoneMatch: string | undefined, file: StaticFile): boolean {
  if (!ifNoneMatch) return false;
  const known = new Set([`"${file.etag}"`, `"${file.etag}-br"`, `"${file.etag}-gz"`]);
  return ifNoneMatch.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || known.has(tag);
  });
}
