import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { loadStreetsFromBanCsv } from "./loadStreetsFromBanCsv.js";
import type { StreetIndex } from "./streetIndex.js";

/** Reads a BAN-format street file, plain or gzipped as the BAN distributes them (adresses-11.csv.gz). */
export async function loadStreetsFromFile(path: string): Promise<StreetIndex> {
  const bytes = await readFile(path);
  const text = path.endsWith(".gz") ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
  return loadStreetsFromBanCsv(text);
}
