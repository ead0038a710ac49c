/** Which database a URL names: `postgres://…` is PostgreSQL; anything else, or nothing, the embedded SQLite file. */
export type Engine = "sqlite" | "postgresql";

export const engineOf = (url: string | undefined): Engine => (url && /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite");

/** The SQLite file a URL names: `sqlite:path`, `file:path`, a bare path, or the default under ./data/. */
export function sqlitePath(url: string | undefined): string {
  if (!url) return "./data/guichet.sqlite";
  return url.replace(/^(sqlite|file):(\/\/)?/, "");
}
