import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { fr } from "@guichet/schema";
import { ui } from "@guichet/ui";
import { checkPage, desktop, ensureBuilt, hasChromium, launchChromium, startServer, type RunningServer } from "./harness";

/**
 * A commune lookup refused (the device typed past its ceiling of lookups) or unreachable: the field says
 * so in French, in place of the list, and keeps what was typed; the next lookup that goes through
 * offers the list again.
 */
let server: RunningServer;
let browser: Browser;
let page: Page;

/** The server's sentence (abuseMessages.tooManyRequests) and its answer to a refused lookup, as tRPC sends it. */
const sentence = "Trop de demandes en peu de temps. Veuillez réessayer dans 2\u00a0minutes.";
const refused = JSON.stringify({
  error: { message: sentence, code: -32029, data: { code: "TOO_MANY_REQUESTS", httpStatus: 429 } },
});

describe.skipIf(!hasChromium)("a refused lookup in a browser", () => {
  beforeAll(async () => {
    ensureBuilt();
    server = await startServer({ GUICHET_CAPTCHA: "off" });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: desktop, locale: "fr-FR" })).newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it("says the server's French sentence in the commune's list, keeps what was typed, and offers the list once lookups go through", async () => {
    let mode: "refuse" | "fail" | "pass" = "refuse";
    await page.route("**/trpc/places.communes**", (route) =>
      mode === "refuse"
        ? route.fulfill({ status: 429, contentType: "application/json", body: refused })
        : mode === "fail"
          ? route.abort("connectionfailed")
          : route.continue(),
    );
    await page.goto(server.url);
    await page.getByRole("link", { name: "Créer mon espace" }).click();
    await page.getByRole("button", { name: fr.buttons.start }).click();
    await page.getByLabel(fr.terms.accept).check();
    await page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("IDENTITÉ");

    const commune = page.getByLabel(fr.identity.communeNaissance);
    await commune.fill("Pontoise");
    const failure = page.getByRole("option", { name: sentence });
    await failure.waitFor();
    await expect(failure.getAttribute("aria-disabled")).resolves.toBe("true");
    await expect(page.getByText(ui.noCommune).count()).resolves.toBe(0);
    await expect(commune.inputValue()).resolves.toBe("Pontoise");
    await checkPage(page, "lookup-refused");

    // Unreachable: a sentence of ours, never a technical message.
    mode = "fail";
    await commune.fill("Pontois");
    await page.getByRole("option", { name: ui.lookupFailed }).waitFor();
    await expect(commune.inputValue()).resolves.toBe("Pontois");

    mode = "pass";
    await commune.fill("Pontoise");
    await page.getByRole("option", { name: "Pontoise (95)", exact: true }).waitFor();
    await expect(page.getByRole("option", { name: ui.lookupFailed }).count()).resolves.toBe(0);
  }, 180_000);
});
