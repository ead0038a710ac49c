import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { javaScriptWeight } from "../../server/bench/bundleSize";
import { ensureBuilt, web } from "./harness";

/**
 * The home page must come up fast on a modest phone: its initial JavaScript has a budget. Measured at 83.9 KB gzip
 * once the sign-up, resume and account pages (the step components, Effect's schemas) were loaded apart; 151 KB before.
 */
const BUDGET_GZIP = 92 * 1024;

describe("the web app's initial JavaScript", () => {
  beforeAll(() => ensureBuilt());

  it(`stays within ${BUDGET_GZIP / 1024} KB gzip`, () => {
    const weight = javaScriptWeight(join(web, "dist"));
    expect(weight, "apps/web/dist is built").toBeDefined();
    expect(weight!.initialFiles.length).toBeGreaterThan(0);
    expect(weight!.initialGzip).toBeLessThanOrEqual(BUDGET_GZIP);
  });

  it("leaves the step pages and their schemas to a chunk loaded apart", () => {
    const weight = javaScriptWeight(join(web, "dist"))!;
    expect(weight.totalGzip).toBeGreaterThan(weight.initialGzip);
  });
});
