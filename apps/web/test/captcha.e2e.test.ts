import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createGuichetClient } from "@guichet/client";
import { fr, type FlowMove, type FlowView } from "@guichet/schema";
import { checkPage, desktop, ensureBuilt, hasChromium, launchChromium, startServer, type RunningServer } from "./harness";
import { solvedPow } from "./solvedPow";

let server: RunningServer;
let browser: Browser;
let page: Page;
let flow: FlowView;

/** Brings a flow to CONTRÔLE DE SÉCURITÉ through the API, as a citizen who typed everything would. */
async function flowAtCaptcha(baseUrl: string): Promise<FlowView> {
  const client = createGuichetClient(baseUrl);
  let view = await client.flow.start.mutate({ pow: await solvedPow(client) });
  const go = async (move: FlowMove) => {
    view = await client.flow.send.mutate({ token: view.token, version: view.version, move });
    expect(view.errors, `${move.type} at ${view.step}`).toEqual({});
  };
  await go({ type: "START" });
  await go({ type: "NEXT", values: { accepted: true } });
  await go({
    type: "NEXT",
    values: {
      civilite: "Monsieur",
      nomUsuel: "BOYET",
      prenoms: "Marc",
      dateNaissance: "01/05/1975",
      paysNaissance: "FR",
      departementNaissance: "95",
      communeNaissance: "95500",
    },
  });
  await go({ type: "NEXT", values: { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", pays: "FR", codeInsee: "11049" } });
  await go({ type: "NEXT", values: { courriel: "marc.boyet@example.fr", moyenPrefere: "courriel" } });
  await go({ type: "NEXT", values: { username: "marc.boyet", password: "Lauragais2026", confirmation: "Lauragais2026" } });
  await go({ type: "NEXT", values: { keys: {} } });
  await go({ type: "NEXT" });
  expect(view.step).toBe("captcha");
  return view;
}

describe.skipIf(!hasChromium)("the security check in a browser", () => {
  beforeAll(async () => {
    ensureBuilt();
    server = await startServer();
    browser = await launchChromium();
    const view = await flowAtCaptcha(server.url);
    flow = view;
    const context = await browser.newContext({ viewport: desktop, locale: "fr-FR" });
    await context.addInitScript((token) => localStorage.setItem("guichet.flow", token), view.token);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it("shows the pictures as one group of radio buttons with the prompt in words, and the question as an alternative", async () => {
    await page.goto(`${server.url}/inscription`);
    await expect.poll(() => page.locator("h1").textContent()).toBe(fr.captcha.title);
    await expect(page.getByRole("heading", { name: fr.captcha.heading }).isVisible()).resolves.toBe(true);
    const cells = page.locator(".captcha__cell");
    await expect.poll(() => cells.count()).toBeGreaterThanOrEqual(4);
    const count = await cells.count();
    await expect(page.locator("#captcha-prompt").textContent()).resolves.toMatch(/^Choisissez /);
    await expect(page.getByLabel(new RegExp(fr.captcha.alternative.replace(/[?()]/g, "\\$&"))).isVisible()).resolves.toBe(true);
    // One group named by the prompt, each picture a radio button with a name of its own.
    const group = page.getByRole("group", { name: /^Choisissez / });
    await expect(group.getByRole("radio").count()).resolves.toBe(count);
    await expect(group.getByRole("radio", { name: `Image 2 sur ${count}`, exact: true }).count()).resolves.toBe(1);
    await cells.nth(1).click();
    await expect(group.getByRole("radio", { name: `Image 2 sur ${count}` }).isChecked()).resolves.toBe(true);
    await checkPage(page, "captcha");
  });

  it("takes the pictures with the keyboard: one Tab stop, the arrow keys between them", async () => {
    const radios = page.getByRole("group", { name: /^Choisissez / }).getByRole("radio");
    const count = await radios.count();
    await radios.nth(1).focus();
    await page.keyboard.press("ArrowRight");
    await expect(radios.nth(2).isChecked()).resolves.toBe(true);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(await radios.nth(2).getAttribute("value"));
    // Tab leaves the group at once, to the question's field: the other pictures are no Tab stops.
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("f-text");
    await page.keyboard.press("Shift+Tab");
    await expect(radios.nth(2).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(count).toBeGreaterThan(2);
  });

  it("refuses a wrong answer with a French message and a new challenge", async () => {
    const before = await page.locator(".captcha__cell img").first().getAttribute("src");
    await page.locator("#f-text").fill("zzz");
    await page.getByRole("button", { name: fr.buttons.validate }).click();
    const summary = page.locator(".error-summary");
    await expect.poll(() => summary.isVisible()).toBe(true);
    await expect(summary.textContent()).resolves.toContain(fr.errorSummaryTitle);
    await expect.poll(() => page.locator(".captcha__cell img").first().getAttribute("src")).not.toBe(before);
    // As on every other step: the focus on the error summary, not on the title.
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    await page.waitForTimeout(1_000);
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe("error-summary");
    await checkPage(page, "captcha-erreur");
  });

  it("says in French how long to wait after five wrong answers, and shows no pictures meanwhile", async () => {
    const client = createGuichetClient(server.url);
    // One wrong answer was given above; four more, as a script clicking at random would.
    for (let i = 0; i < 4; i++) {
      const view = await client.flow.get.mutate({ token: flow.token });
      const c = view.captcha;
      if (!c || c.disabled || c.kind !== "pictures") throw new Error("no pictures");
      // Each VALIDER pays its proof of work, as the page does, so that it is the answer that is judged.
      const pow = await solvedPow(client);
      await client.flow.send.mutate({
        token: view.token,
        version: view.version,
        pow,
        move: { type: "NEXT", values: { challengeId: c.challengeId, text: "zzz" } },
      });
    }
    await page.reload();
    const status = page.getByRole("status").filter({ hasText: "Trop d’essais" });
    await expect.poll(() => status.textContent()).toMatch(/^Trop d’essais\u00a0: réessayez dans 15 minutes\./);
    await expect(page.locator(".captcha__cell").count()).resolves.toBe(0);
    await checkPage(page, "captcha-attente");
  });
});
