import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page, Request } from "playwright-core";
import { fr } from "@guichet/schema";
import { ensureBuilt, hasChromium, launch, portrait, startServer, type RunningServer } from "./browser";

let server: RunningServer;
let browser: Browser;

/** With the security check on, the attract screen pays for « Créer mon espace » while it waits for someone. */
describe.skipIf(!hasChromium)("the kiosk with the security check on (proof of work included)", () => {
  beforeAll(async () => {
    ensureBuilt();
    server = await startServer({ idleMs: 90_000, warningMs: 30_000, handoffMs: 120_000 }, { GUICHET_CAPTCHA: "on" });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it("solves the proof of work on the attract screen, so Créer mon espace starts at once, with nothing shown", async () => {
    const page: Page = await (await browser.newContext({ viewport: portrait, locale: "fr-FR" })).newPage();
    const requests: Request[] = [];
    page.on("request", (r) => requests.push(r));
    const calls = (path: string) => requests.filter((r) => new URL(r.url()).pathname === `/trpc/${path}`);
    await page.goto(`${server.url}/borne/`);
    await expect.poll(() => calls("pow.challenge").length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    // Give the worker its half second, as the screen would while nobody touches it.
    await page.waitForTimeout(2_000);
    await page.getByRole("button", { name: "Créer mon espace" }).click();
    await page.getByRole("button", { name: fr.buttons.start }).click();
    await expect.poll(() => page.locator("h1").first().textContent(), { timeout: 10_000 }).toBe("CGU");
    expect(calls("flow.start").at(-1)!.postData()).toMatch(/"pow":"[A-Za-z0-9+/=]{100,}"/);
    expect(new Set(requests.map((r) => new URL(r.url()).origin))).toEqual(new Set([server.url]));
  });
});
