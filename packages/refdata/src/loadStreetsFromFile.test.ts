import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { ccplmStreetsFile } from "./ccplmStreetsFile.js";
import { loadStreetsFromFile } from "./loadStreetsFromFile.js";

describe("loadStreetsFromFile", () => {
  test("loads the 3,442 voies and lieux-dits of the 38 CCPLM communes", async () => {
    const index = await loadStreetsFromFile(ccplmStreetsFile);
    expect(index.size).toBe(3442);
    expect(new Set(index.streets.map((street) => street.codeInsee)).size).toBe(38);
  });

  test("reads a gzipped file as the BAN distributes them", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "refdata-")), "adresses-11.csv.gz");
    await writeFile(path, gzipSync(await readFile(ccplmStreetsFile)));
    expect((await loadStreetsFromFile(path)).size).toBe(3442);
  });
});
