import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Parses one data file of @etalab/decoupage-administratif. Read with fs rather than `require`,
 * whose module cache would keep the whole raw file (tens of MB) alive after we kept what we need;
 * the package's own index.js cannot be used: it reads paths relative to the working directory.
 */
export function readDecoupageData<T>(name: "communes" | "departements" | "epci"): T {
  const path = require.resolve(`@etalab/decoupage-administratif/data/${name}.json`);
  return JSON.parse(readFileSync(path, "utf8")) as T;
}
