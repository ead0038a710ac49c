import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { chooseEncoding, isCurrent, loadStaticFiles } from "./staticFiles";

describe("the apps' files, read and compressed once", () => {
  const root = mkdtempSync(join(tmpdir(), "guichet-static-"));
  mkdirSync(join(root, "assets"));
  const script = Buffer.from("export const bonjour = 'Bonjour';\n".repeat(200));
  writeFileSync(join(root, "assets", "index-abc.js"), script);
  writeFileSync(join(root, "index.html"), "<!doctype html><title>x</title>");

  it("keeps each file's bytes, brotli and gzip forms in memory: a file changed or removed on disk is not read again", async () => {
    const files = await loadStaticFiles([{ prefix: "/", root }]);
    rmSync(join(root, "assets", "index-abc.js"));
    writeFileSync(join(root, "index.html"), "changé");
    const js = files.get("/assets/index-abc.js")!;
    expect(js.identity.equals(script)).toBe(true);
    expect(brotliDecompressSync(js.br!).equals(script)).toBe(true);
    expect(gunzipSync(js.gzip!).equals(script)).toBe(true);
    expect(js.type).toBe("text/javascript; charset=utf-8");
    expect(js.cacheControl).toBe("public, max-age=31536000, immutable");
    // The page: under 1 KB, sent as it is, asked again each time; "/" is its address too.
    const index = files.get("/")!;
    expect(index).toBe(files.get("/index.html"));
    expect(index.identity.toString()).toBe("<!doctype html><title>x</title>");
    expect(index.br).toBeUndefined();
    expect(index.cacheControl).toBe("no-cache");
    expect(files.has("/../index.html")).toBe(false);
  });

  it("chooses brotli, then gzip, then nothing, as the browser accepts them", async () => {
    const root2 = mkdtempSync(join(tmpdir(), "guichet-static-"));
    writeFileSync(join(root2, "app.js"), script);
    const file = (await loadStaticFiles([{ prefix: "/borne/", root: root2 }])).get("/borne/app.js")!;
    expect(chooseEncoding("gzip, deflate, br", file)).toBe("br");
    expect(chooseEncoding("gzip", file)).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0.5", file)).toBe("gzip");
    expect(chooseEncoding("*", file)).toBe("br");
    expect(chooseEncoding("identity", file)).toBeUndefined();
    expect(chooseEncoding(undefined, file)).toBeUndefined();
    expect(isCurrent(`"${file.etag}-br"`, file)).toBe(true);
    expect(isCurrent(`W/"${file.etag}", "autre"`, file)).toBe(true);
    expect(isCurrent('"autre"', file)).toBe(false);
  });
});
