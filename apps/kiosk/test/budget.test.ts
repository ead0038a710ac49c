import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { javaScriptWeight } from "../../server/bench/bundleSize";
import { ensureBuilt } from "./browser";

/** The attract screen must come up fast on a modest kiosk: its initial JavaScript has a budget. */
const BUDGET_GZIP = 150 * 1024;

describe("the kiosk's initial JavaScript", () => {
  beforeAll(() => ensureBuilt());

  it(`stays within ${BUDGET_GZIP / 1024} KB gzip`, () => {
    const weight = javaScriptWeight(fileURLToPath(new URL("../dist/", import.meta.url)));
    expect(weight, "apps/kiosk/dist is built").toBeDefined();
    expect(weight!.initialFiles.length).toBeGreaterThan(0);
    expect(weight!.initialGzip).toBeLessThanOrEqual(BUDGET_GZIP);
  });

  it("leaves the step pages and their schemas to a chunk loaded apart", () => {
    const weight = javaScriptWeight(fileURLToPath(new URL("../dist/", import.meta.url)))!;
    expect(weight.totalGzip).toBeGreaterThan(weight.initialGzip);
  });
});
