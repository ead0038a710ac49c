import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { fr } from "@guichet/schema";
import {
  checkPage,
  desktop,
  ensureBuilt,
  freePort,
  hasChromium,
  launchChromium,
  phone,
  recordRefusals,
  shots,
  sidewaysScroll,
  signUpAndActivate,
  startServer,
  type RunningServer,
} from "./harness";
import { axeFindings, markupFindings } from "./markup";

/**
 * What a citizen met in the audit of issue 21, at 320, 375 and 1280 px, by keyboard and in forced colours:
 * each point here failed before its fix.
 */
let server: RunningServer;
let browser: Browser;
const refusals: string[][] = [];
const small = { width: 320, height: 640 };

const CITIZEN = { nomUsuel: "AUDIT", prenoms: "Louise", courriel: "louise.audit@example.fr", username: "laudit", password: "Lauragais2026" };

const heading = (page: Page) => page.locator("h1");
const atStep = (page: Page, title: string) => expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toBe(title);
const focused = (page: Page) => page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.textContent?.slice(0, 40)}`);

async function device(viewport: { width: number; height: number }, options: { hasTouch?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: "fr-FR", ...options });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  refusals.push(recordRefusals(page));
  return { context, page };
}

async function login(page: Page) {
  await page.goto(server.url);
  await page.getByLabel("Nom d’utilisateur").fill(CITIZEN.username);
  await page.getByLabel("Mot de passe", { exact: true }).fill(CITIZEN.password);
  await page.getByRole("button", { name: "Connexion" }).click();
  // The password's hash takes its time on a loaded machine.
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe("/mon-espace");
  await atStep(page, "MON ESPACE");
}

/** The page at 320, 375 and 1280 px: no sideways scroll (printed), axe and html-validate clean, a screenshot to look at. */
async function fitsEveryWidth(page: Page, name: string) {
  for (const viewport of [small, phone, desktop]) {
    await page.setViewportSize(viewport);
    const overflow = await sidewaysScroll(page);
    console.log(`${name} at ${viewport.width} px: scrolls sideways by ${overflow} px`);
    expect.soft(overflow, `${name} at ${viewport.width} px scrolls sideways`).toBe(0);
    expect.soft([...(await axeFindings(page)), ...(await markupFindings(page))], `axe and html-validate on ${name} at ${viewport.width} px`).toEqual([]);
    await page.screenshot({ path: join(shots, `audit-${name}-${viewport.width}.png`), fullPage: true });
  }
}

/** The computed outline of the element that has the focus, or of `selector`. */
const outlineOf = (page: Page, selector?: string) =>
  page.evaluate((selector) => {
    const el = selector ? document.querySelector(selector) : document.activeElement;
    if (!el) return "none";
    const s = getComputedStyle(el);
    return s.outlineStyle === "none" ? "none" : `${s.outlineStyle} ${s.outlineWidth}`;
  }, selector);

describe.skipIf(!hasChromium)("what a citizen met in the audit, fixed", { timeout: 240_000 }, () => {
  beforeAll(async () => {
    ensureBuilt();
    const port = await freePort();
    server = await startServer({ GUICHET_CAPTCHA: "off", PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it("takes the focus to BIENVENUE's heading after « Créer mon espace », not to the body", async () => {
    const { context, page } = await device(desktop);
    await page.goto(server.url);
    await page.getByRole("link", { name: "Créer mon espace" }).click();
    await atStep(page, "BIENVENUE");
    await expect.poll(() => focused(page)).toBe("H1:BIENVENUE");
    await context.close();
  });

  it("has its own title on a page that does not exist", async () => {
    const { context, page } = await device(desktop);
    await page.goto(`${server.url}/nulle-part`);
    await expect.poll(() => heading(page).textContent()).toBe("Cette page n’existe pas.");
    await expect.poll(() => page.title()).toBe("Page introuvable – CCPLM");
    await checkPage(page, "audit-404");
    await context.close();
  });

  it("shows the password on request on the home's login, with a toggle button that says its state", async () => {
    await signUpOverApiOnce();
    const { context, page } = await device(small);
    await page.goto(server.url);
    const password = page.getByLabel("Mot de passe", { exact: true });
    await password.fill(CITIZEN.password);
    const toggle = page.getByRole("button", { name: "Afficher le mot de passe" });
    await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("false");
    await expect(password.getAttribute("type")).resolves.toBe("password");
    await toggle.click();
    await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("true");
    await expect(password.getAttribute("type")).resolves.toBe("text");
    await expect(password.inputValue()).resolves.toBe(CITIZEN.password);
    await page.screenshot({ path: join(shots, "audit-login-password-shown-320.png"), fullPage: true });
    await checkPage(page, "audit-login-password-shown");
    await toggle.click();
    await expect(password.getAttribute("type")).resolves.toBe("password");
    await context.close();
  });

  it("takes the focus to MON ESPACE's heading after the login, not to the body", async () => {
    const { context, page } = await device(desktop);
    await login(page);
    await expect.poll(() => focused(page)).toBe("H1:MON ESPACE");
    await context.close();
  });

  it("keeps Enter in a refreshing list of streets from sending the step, and shows the chosen option in forced colours", async () => {
    const { context, page } = await device(desktop);
    await login(page);
    await page.getByRole("link", { name: "Modifier mes coordonnées" }).click();
    await atStep(page, "ADRESSE");
    // Each street lookup answers after 1.5 s: the list refreshes while the keys are pressed.
    let lookups = 0;
    await page.route(/places\.streets/, async (route) => {
      lookups++;
      await new Promise((r) => setTimeout(r, 1_500));
      await route.continue();
    });
    const voie = page.getByRole("combobox", { name: fr.address.voie });
    await voie.fill("");
    await voie.pressSequentially("rue de la pos", { delay: 20 });
    await expect.poll(() => lookups).toBeGreaterThan(0);
    // Enter while the lookup runs.
    await page.keyboard.press("Enter");
    // ↓ while it runs, then Enter once the list has come.
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => page.getByRole("option", { name: /RUE DE LA POSTE/i }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.keyboard.press("Enter");
    await page.waitForTimeout(800);
    await expect(heading(page).textContent()).resolves.toBe("ADRESSE");

    // Forced colours (Windows contrast): the field and the option the arrows reach keep a visible outline.
    await page.emulateMedia({ forcedColors: "active" });
    await voie.press("ArrowDown");
    await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').count()).toBe(1);
    expect(await outlineOf(page)).not.toBe("none");
    expect(await outlineOf(page, '[role="option"][aria-selected="true"]')).not.toBe("none");
    await page.screenshot({ path: join(shots, "audit-forced-colours-combobox.png") });
    await page.emulateMedia({ forcedColors: "none" });
    await voie.press("Escape");
    await page.unroute(/places\.streets/);
    await context.close();
  });

  it("names the démarche in its cancel question, and in its title when a step is refused", async () => {
    const { context, page } = await device(desktop);
    await login(page);
    await page.getByRole("link", { name: "Modifier mes coordonnées" }).click();
    await atStep(page, "ADRESSE");
    await page.getByLabel(fr.address.numero).fill("2");
    await page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
    await atStep(page, "MOYENS DE CONTACT");
    await page.getByLabel(fr.contacts.courriel).fill("pas-une-adresse");
    await page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
    await expect.poll(() => page.title()).toMatch(/^Erreur/);
    expect(await page.title()).toContain("MODIFIER MES COORDONNÉES");
    await page.getByRole("button", { name: fr.buttons.cancel }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const words = (await dialog.textContent()) ?? "";
    expect(words).not.toContain("inscription");
    expect(words).toContain("Modifier mes coordonnées");
    await page.screenshot({ path: join(shots, "audit-cancel-demarche.png") });
    await dialog.getByRole("button", { name: /Non/ }).click();
    await context.close();
  });

  for (const viewport of [small, phone]) {
    it(`shows Mon espace at ${viewport.width} px: the démarches under way and the logout first, nothing cut off sideways`, async () => {
      const { context, page } = await device(viewport);
      await login(page);
      const pending = page.getByRole("region", { name: "MES DÉMARCHES EN COURS" });
      await expect.poll(() => pending.count()).toBe(1);
      const top = async (locator: ReturnType<Page["locator"]>) => (await locator.boundingBox())!.y;
      const identity = page.getByRole("heading", { name: "IDENTITÉ" });
      expect(await top(pending)).toBeLessThan(await top(identity));
      expect(await top(page.getByRole("button", { name: "Se déconnecter" }))).toBeLessThan(await top(identity));
      for (const name of [/Reprendre/, /Abandonner/]) {
        const box = (await pending.getByRole("button", { name }).boundingBox())!;
        expect(box.x + box.width, `${name} cut off`).toBeLessThanOrEqual(viewport.width);
      }
      console.log(`Mon espace at ${viewport.width} px: ${await page.evaluate(() => document.scrollingElement!.scrollHeight)} px tall`);
      await fitsEveryWidth(page, `mon-espace-${viewport.width}`);
      await context.close();
    });
  }

  it("serves Mes données as a page that fits a phone", async () => {
    const { context, page } = await device(small);
    await login(page);
    const html = await (await page.request.get(`${server.url}/api/account/mes-donnees.html`)).text();
    expect(html).toContain("Mes données");
    const reader = await context.newPage();
    await reader.setViewportSize(small);
    await reader.setContent(html);
    await fitsEveryWidth(reader, "mes-donnees");
    await context.close();
  });

  it("focuses fields with an outline that forced colours keep", async () => {
    const { context, page } = await device(small);
    await page.goto(server.url);
    await page.emulateMedia({ forcedColors: "active" });
    await page.getByLabel("Nom d’utilisateur").focus();
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("f-login-password");
    expect(await outlineOf(page)).not.toBe("none");
    await page.screenshot({ path: join(shots, "audit-forced-colours-field.png") });
    await context.close();
  });

  it("asks for « Supprimer définitivement mon espace » on a red button under a warning, not a neutral VALIDER", async () => {
    const { context, page } = await device(phone);
    await login(page);
    await page.getByRole("link", { name: "Supprimer mon espace" }).click();
    await atStep(page, "CONFIRMATION");
    await expect.poll(() => page.getByRole("button", { name: "Afficher le mot de passe" }).count()).toBe(1);
    await page.getByLabel("Mot de passe actuel").fill(CITIZEN.password);
    await page.getByLabel(fr.deleteAccount.understood).check();
    await page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
    await atStep(page, "RÉCAPITULATIF");
    await expect(page.getByRole("button", { name: fr.buttons.validate, exact: true }).count()).resolves.toBe(0);
    const erase = page.getByRole("button", { name: "Supprimer définitivement mon espace" });
    await expect(erase.getAttribute("class")).resolves.toContain("button--warning");
    const colour = await erase.evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(colour).toMatch(/^rgb\((1[5-9]\d|2\d\d), \d{1,2}, \d{1,2}\)$/);
    await expect(page.locator(".warning").textContent()).resolves.toContain("définitive");
    await fitsEveryWidth(page, "supprimer-recapitulatif");
    await context.close();
  });

  it("met no Content-Security-Policy refusal on the way", () => {
    expect(refusals.flat()).toEqual([]);
  });
});

let signedUp = false;
/** The citizen's espace, created and activated once for the tests that log in. */
async function signUpOverApiOnce() {
  if (signedUp) return;
  const context = await browser.newContext({ viewport: desktop, locale: "fr-FR" });
  await signUpAndActivate(await context.newPage(), server.url, CITIZEN);
  await context.close();
  signedUp = true;
}
