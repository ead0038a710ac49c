import { mkdirSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { fr } from "@guichet/schema";
import {
  check,
  ensureBuilt,
  flowAtStep,
  hasChromium,
  landscape,
  launch,
  phone,
  portrait,
  nameMismatches,
  recordRefusals,
  shots,
  smallTargets,
  startServer,
  tapKeys,
  type RunningServer,
} from "./browser";

if (!hasChromium) console.warn("\n!!! SKIPPED: the kiosk browser tests need /usr/bin/chromium (apt-get install -y chromium) !!!\n");

// Shortened through the TENANT file: 25 s without a touch, then 40 s of warning. Long enough that a slow server
// answer on a loaded machine never counts as the citizen walking away, and that the warning (which shows no code)
// is checked by axe and html-validate in both orientations before it expires.
const timings = { idleMs: 25_000, warningMs: 40_000, handoffMs: 60_000 };

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** What each page's browser refused under the server's CSP (recordRefusals). */
const refusals: string[][] = [];

async function device(viewport: { width: number; height: number }, touch = true): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "fr-FR", hasTouch: touch });
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  refusals.push(recordRefusals(page));
  return page;
}

const kioskHome = async (page: Page) => {
  await page.goto(`${server.url}/borne/`);
  await page.getByRole("button", { name: "Créer mon espace" }).waitFor();
};
const heading = (page: Page) => page.locator("h1");
const atStep = (page: Page, title: string) => expect.poll(() => heading(page).first().textContent(), { timeout: 10_000 }).toBe(title);
const next = (page: Page) => page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
const atAttract = (page: Page) => expect.poll(() => page.getByRole("button", { name: "Créer mon espace" }).isVisible(), { timeout: 15_000 }).toBe(true);
/**
 * Nothing a citizen typed may stay in the browser: no storage, and no cookie but the kiosk's own device id
 * (a random name the throttles count this kiosk by, so one person's typos never lock out the kiosks beside it).
 */
async function expectNothingStored(page: Page) {
  await expect(page.evaluate(() => localStorage.length + sessionStorage.length)).resolves.toBe(0);
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name)).toEqual(cookies.length ? ["guichet_device"] : []);
  for (const c of cookies) expect(c.value).toMatch(/^[\w-]{22}$/);
}

async function startAtKiosk(page: Page) {
  await kioskHome(page);
  await page.getByRole("button", { name: "Créer mon espace" }).click();
  await page.getByRole("button", { name: fr.buttons.start }).click();
  await atStep(page, "CGU");
  await page.getByLabel(fr.terms.accept).check();
  await next(page);
  await atStep(page, "IDENTITÉ");
}

/** IDENTITÉ with a birth abroad (no lists to choose from), typed with whatever `type` does. */
async function fillIdentity(page: Page, type: (label: string, text: string) => Promise<void>, names = { nom: "BOYET", prenoms: "Hélène" }) {
  await page.getByLabel(fr.identity.madame).check();
  await type(fr.identity.nomUsuel, names.nom);
  await type(fr.identity.prenoms, names.prenoms);
  await type(fr.identity.dateNaissance, "01/05/1975");
  await expect.poll(() => page.getByLabel(fr.identity.paysNaissance).locator("option").count()).toBeGreaterThan(100);
  await page.getByLabel(fr.identity.paysNaissance).selectOption("BE");
  await type(fr.identity.communeNaissance, "Bruxelles");
}

async function fillAddress(page: Page) {
  await page.getByLabel(fr.address.numero).fill("15");
  await page.getByRole("combobox", { name: fr.address.voie }).pressSequentially("rue de la poste", { delay: 10 });
  const bram = page.getByRole("option", { name: /RUE DE LA POSTE.*Bram/i });
  await bram.first().click();
  await expect.poll(() => page.getByLabel(fr.address.codePostal).inputValue()).toBe("11150");
}

const fill = (page: Page) => async (label: string, text: string) => page.getByLabel(label).fill(text);

describe.skipIf(!hasChromium)("the kiosk at /borne/", () => {
  beforeAll(async () => {
    ensureBuilt();
    rmSync(shots, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
    server = await startServer(timings);
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    server?.stop();
  });

  it("opens on an accessible attract screen with Créer mon espace and Reprendre une inscription, in both orientations", async () => {
    const kiosk = await device(portrait);
    await kioskHome(kiosk);
    await expect(kiosk.getByRole("button", { name: "Reprendre une inscription" }).isVisible()).resolves.toBe(true);
    await check(kiosk, "accueil");
    expect(await smallTargets(kiosk)).toEqual([]);
    await kiosk.setViewportSize(landscape);
    await check(kiosk, "accueil");
    await expectNothingStored(kiosk);
  });

  it("names every key of its keyboard with the text the key shows, on each of its three layers (WCAG 2.5.3)", async () => {
    const kiosk = await device(portrait);
    await kioskHome(kiosk);
    await kiosk.getByRole("button", { name: "Reprendre une inscription" }).click();
    const keyboard = kiosk.getByRole("group", { name: "Clavier à l’écran" });
    await keyboard.waitFor();
    const layerKey = { abc: "abc — lettres", "123": "123 — chiffres et symboles", éà: "éà — lettres accentuées" } as const;
    // Letters, then digits (by « 123 »), accents (by « éà »), letters again (by « abc »): each layer's keys are judged.
    for (const next of ["123", "éà", "abc"] as const) {
      expect(await nameMismatches(kiosk), `before ${next}`).toEqual([]);
      await keyboard.getByRole("button", { name: layerKey[next], exact: true }).click();
    }
    expect(await nameMismatches(kiosk)).toEqual([]);
    await kiosk.getByRole("button", { name: "Retour" }).click();
  });

  it("types with its French keyboard — accents, capitals, @ and digits — offers no autofill, and hands off to a phone by the code; the phone finishes and the kiosk resets", async () => {
    const kiosk = await device(portrait);
    await kioskHome(kiosk);
    await expect(kiosk.title()).resolves.toBe("Borne – Espace citoyen – CCPLM");
    await kiosk.getByRole("button", { name: "Créer mon espace" }).click();
    await atStep(kiosk, "BIENVENUE");
    // The button pressed is gone with the attract screen: the focus goes to the step's title, not to the body.
    await expect.poll(() => kiosk.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await check(kiosk, "bienvenue");
    await kiosk.getByRole("button", { name: fr.buttons.start }).click();
    await atStep(kiosk, "CGU");
    await check(kiosk, "cgu");
    await kiosk.getByLabel(fr.terms.accept).check();
    await next(kiosk);
    await atStep(kiosk, "IDENTITÉ");
    await expect(kiosk.title()).resolves.toBe("IDENTITÉ (2/8) – Inscription – Borne CCPLM");
    await kiosk.getByLabel(fr.identity.nomUsuel).click();
    await check(kiosk, "identite-clavier");
    expect(await smallTargets(kiosk)).toEqual([]);
    const tap = async (label: string, text: string) => {
      await kiosk.getByLabel(label).click();
      await tapKeys(kiosk, text);
    };
    await fillIdentity(kiosk, tap, { nom: "BOYET-ÉTÉ", prenoms: "Hélène" });
    await kiosk.getByRole("button", { name: "éà — lettres accentuées" }).click();
    await check(kiosk, "identite-clavier-accents");
    await expect(kiosk.getByLabel(fr.identity.nomUsuel).inputValue()).resolves.toBe("BOYET-ÉTÉ");
    await expect(kiosk.getByLabel(fr.identity.prenoms).inputValue()).resolves.toBe("Hélène");
    await expect(kiosk.getByLabel(fr.identity.dateNaissance).inputValue()).resolves.toBe("01/05/1975");
    // A shared screen: the browser must not offer to remember anything (radios and checkboxes take no autocomplete in HTML).
    await expect(
      kiosk.evaluate(() =>
        [...document.querySelectorAll("input:not([type=radio]):not([type=checkbox])")].every((i) => (i as HTMLInputElement).autocomplete === "off"),
      ),
    ).resolves.toBe(true);
    await kiosk.setViewportSize(landscape);
    await check(kiosk, "identite-clavier-accents");
    await kiosk.setViewportSize(portrait);
    await next(kiosk);
    await atStep(kiosk, "ADRESSE");
    await fillAddress(kiosk);
    await check(kiosk, "adresse");
    await next(kiosk);
    await atStep(kiosk, "MOYENS DE CONTACT");
    await kiosk.locator("#f-telephone").click();
    await tapKeys(kiosk, "0468766940");
    await kiosk.locator("#f-courriel").click();
    await tapKeys(kiosk, "h.boyet@example.fr");
    await expect(kiosk.locator("#f-courriel").inputValue()).resolves.toBe("h.boyet@example.fr");
    await expect(kiosk.locator("#f-telephone").inputValue()).resolves.toMatch(/^04 ?68 ?76 ?69 ?40$/);
    await kiosk.getByRole("button", { name: "123 — chiffres et symboles" }).click();
    await check(kiosk, "contacts-clavier-chiffres");
    await next(kiosk);
    await atStep(kiosk, "AUTHENTIFICATION");
    await check(kiosk, "authentification");
    await expectNothingStored(kiosk);

    await kiosk.getByRole("button", { name: "Continuer sur mon téléphone" }).click();
    await kiosk.getByRole("heading", { name: "Continuer sur mon téléphone" }).waitFor();
    // Its own title, not the step's under it.
    await expect.poll(() => kiosk.title()).toBe("Continuer sur mon téléphone – Borne CCPLM");
    await expect(kiosk.getByRole("img", { name: /QR code/ }).isVisible()).resolves.toBe(true);
    await check(kiosk, "telephone");
    expect(await smallTargets(kiosk)).toEqual([]);
    await kiosk.setViewportSize(landscape);
    await check(kiosk, "telephone");
    await kiosk.setViewportSize(portrait);
    // Back to the step, which gets its title back; then to the phone again.
    await kiosk.getByRole("button", { name: "Revenir à mon inscription" }).click();
    await atStep(kiosk, "AUTHENTIFICATION");
    await expect.poll(() => kiosk.title()).toBe("AUTHENTIFICATION (5/8) – Inscription – Borne CCPLM");
    await kiosk.getByRole("button", { name: "Continuer sur mon téléphone" }).click();
    await kiosk.getByRole("heading", { name: "Continuer sur mon téléphone" }).waitFor();
    const code = (await kiosk.locator(".resume-offer__code [aria-hidden=true]").textContent())!;
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);

    const mobile = await device(phone);
    await mobile.goto(server.url);
    await mobile.getByRole("link", { name: "Reprendre une inscription" }).click();
    await mobile.getByLabel("Code de reprise").waitFor();
    await check(mobile, "telephone-reprendre");
    await mobile.getByLabel("Code de reprise").fill(code);
    await mobile.getByRole("button", { name: "Reprendre", exact: true }).click();
    await atStep(mobile, "AUTHENTIFICATION");
    await mobile.screenshot({ path: `${shots}/phone-authentification-375.png`, fullPage: true });

    // The phone took the flow over: the kiosk forgets it at once, long before its countdown.
    await atAttract(kiosk);
    await expect(kiosk.content()).resolves.not.toMatch(/BOYET|Hélène|h\.boyet|AUTHENTIFICATION/);

    await mobile.getByLabel(fr.credentials.username).fill("hboyet");
    await mobile.locator("#f-password").fill("Lauragais2026");
    await mobile.getByLabel(fr.credentials.confirmation).fill("Lauragais2026");
    await next(mobile);
    await atStep(mobile, "SERVICES");
    await next(mobile);
    await atStep(mobile, "RÉCAPITULATIF");
    for (const text of ["BOYET-ÉTÉ", "Hélène", "Bruxelles", "Bram", "h.boyet@example.fr"])
      await expect(mobile.locator("main").textContent()).resolves.toContain(text);
    await next(mobile);
    await atStep(mobile, "CONTRÔLE DE SÉCURITÉ");
    await mobile.getByRole("button", { name: fr.buttons.validate }).click();
    await atStep(mobile, fr.done.title);
  });

  it("resumes at the kiosk with the code of a flow begun on the web; both views then stay in step, and a page being typed on is told instead of swept along", async () => {
    const web = await device({ width: 1280, height: 900 }, false);
    await web.goto(`${server.url}/inscription`);
    await web.getByRole("button", { name: fr.buttons.start }).click();
    await atStep(web, "CGU");
    await web.getByLabel(fr.terms.accept).check();
    await next(web);
    await atStep(web, "IDENTITÉ");
    await fillIdentity(web, fill(web), { nom: "DURAND", prenoms: "Léa" });
    await next(web);
    await atStep(web, "ADRESSE");
    await web.getByRole("button", { name: "Continuer sur un autre appareil" }).click();
    const code = (await web.locator(".resume-offer__code [aria-hidden=true]").textContent())!;
    await check(web, "web-autre-appareil");

    const kiosk = await device(portrait);
    await kioskHome(kiosk);
    await kiosk.getByRole("button", { name: "Reprendre une inscription" }).click();
    await kiosk.getByLabel("Code de reprise").waitFor();
    await check(kiosk, "reprendre-clavier");
    expect(await smallTargets(kiosk)).toEqual([]);
    await tapKeys(kiosk, code.toLowerCase());
    await kiosk.getByRole("button", { name: "Reprendre", exact: true }).click();
    await atStep(kiosk, "ADRESSE");
    await check(kiosk, "adresse-reprise");
    // The web page learns that the kiosk took the flow.
    await expect.poll(() => web.getByRole("status").filter({ hasText: "reprise sur un autre appareil" }).count()).toBe(1);

    // The kiosk goes back: the web page, untouched, follows within a second.
    await kiosk.getByRole("button", { name: fr.buttons.back, exact: true }).click();
    await atStep(kiosk, "IDENTITÉ");
    await expect(kiosk.getByLabel(fr.identity.nomUsuel).inputValue()).resolves.toBe("DURAND");
    await expect.poll(() => heading(web).first().textContent(), { timeout: 1_000, interval: 50 }).toBe("IDENTITÉ");

    // Someone types on the web page while the kiosk moves on: the page says so, keeps the text, and offers to follow.
    await web.getByLabel(fr.identity.prenoms).fill("Léa Marie");
    await next(kiosk);
    await atStep(kiosk, "ADRESSE");
    const moved = web.getByRole("alert").filter({ hasText: "a avancé sur un autre appareil" });
    await moved.waitFor();
    await expect(heading(web).first().textContent()).resolves.toBe("IDENTITÉ");
    await expect(web.getByLabel(fr.identity.prenoms).inputValue()).resolves.toBe("Léa Marie");
    await moved.getByRole("button", { name: "Afficher l’étape en cours" }).click();
    await atStep(web, "ADRESSE");

    // Both press PRÉCÉDENT from the same version: either one wins and the other is told, with the current step,
    // or the second already followed the first and went back once more; no move is lost without a word.
    await Promise.all([
      web.getByRole("button", { name: fr.buttons.back, exact: true }).click(),
      kiosk.getByRole("button", { name: fr.buttons.back, exact: true }).click(),
    ]);
    await expect
      .poll(async () => [await heading(web).first().textContent(), await heading(kiosk).first().textContent()].join(" / "))
      .toMatch(/^(IDENTITÉ \/ IDENTITÉ|CGU \/ CGU)$/);
    if ((await heading(web).first().textContent()) === "IDENTITÉ") {
      const alerts = [...(await web.getByRole("alert").allTextContents()), ...(await kiosk.getByRole("alert").allTextContents())].join(" ");
      expect(alerts).toContain(fr.errors.conflict);
    }
  });

  it("finishes a sign-up at the kiosk: the review, the security check, the end screen, then the next person's turn", async () => {
    const { code } = await flowAtStep(server.url, "services");
    const kiosk = await device(landscape);
    await kioskHome(kiosk);
    await kiosk.getByRole("button", { name: "Reprendre une inscription" }).click();
    await kiosk.getByLabel("Code de reprise").fill(code);
    await kiosk.getByRole("button", { name: "Reprendre", exact: true }).click();
    await atStep(kiosk, "SERVICES");
    await check(kiosk, "services");
    await kiosk.setViewportSize(portrait);
    await check(kiosk, "services");
    await next(kiosk);
    await atStep(kiosk, "RÉCAPITULATIF");
    await check(kiosk, "recapitulatif");
    expect(await smallTargets(kiosk)).toEqual([]);
    await kiosk.getByRole("button", { name: "Terminer", exact: true }).click();
    await kiosk.getByRole("dialog").waitFor();
    await check(kiosk, "terminer");
    await kiosk.getByRole("button", { name: "Non, continuer" }).click();
    await next(kiosk);
    await atStep(kiosk, "CONTRÔLE DE SÉCURITÉ");
    await check(kiosk, "controle");
    await kiosk.getByRole("button", { name: fr.buttons.validate }).click();
    await atStep(kiosk, fr.done.title);
    await check(kiosk, "termine");
    await kiosk.getByRole("link", { name: /Retour/ }).click();
    await atAttract(kiosk);
    await expect(kiosk.locator("body").innerHTML()).resolves.not.toMatch(/MARTIN|Liège|paul\.martin/);
  });

  it("opens a resume link (the QR code's) on a phone once, at the flow's step; the same link again says it was used", async () => {
    const { link } = await flowAtStep(server.url, "credentials");
    const path = new URL(link);
    const mobile = await device(phone);
    await mobile.goto(`${server.url}${path.pathname}${path.hash}`);
    await atStep(mobile, "AUTHENTIFICATION");
    await expect.poll(() => new URL(mobile.url()).pathname).toBe("/inscription");
    const other = await device(phone);
    await other.goto(`${server.url}${path.pathname}${path.hash}`);
    await expect.poll(() => other.getByRole("alert").textContent()).toContain("a déjà servi");
    // The secret leaves the address bar at once.
    expect(new URL(other.url()).hash).toBe("");
    await check(other, "lien-deja-utilise");
  });

  it("opens a resume link at the kiosk (/borne/reprendre#jeton=…) at the flow's step and goes on from there; a used link says so on the resume screen", async () => {
    const { link } = await flowAtStep(server.url, "services");
    const secret = new URL(link).hash.slice(1);
    const kiosk = await device(landscape);
    await kiosk.goto(`${server.url}/borne/reprendre#jeton=${secret}`);
    await atStep(kiosk, "SERVICES");
    // The secret leaves the address bar at once, and never went into a query.
    expect(new URL(kiosk.url()).hash).toBe("");
    expect(new URL(kiosk.url()).search).toBe("");
    await next(kiosk);
    await atStep(kiosk, "RÉCAPITULATIF");
    await expectNothingStored(kiosk);

    const other = await device(landscape);
    await other.goto(`${server.url}/borne/reprendre#jeton=${secret}`);
    await expect.poll(() => other.getByRole("alert").textContent()).toContain("a déjà servi");
    await expect(other.getByLabel("Code de reprise").isVisible()).resolves.toBe(true);
    await check(other, "borne-lien-deja-utilise");
  });

  it("asks « Êtes-vous toujours là ? » after the idle time, keeps the session for whoever answers, and otherwise wipes every answer from the screen", async () => {
    const kiosk = await device(portrait);
    // Every resume code the kiosk asks the server for: none may be made unless the citizen asks for one.
    const offers: string[] = [];
    kiosk.on("request", (request) => {
      if (request.url().includes("resume.offer")) offers.push(request.url());
    });
    await startAtKiosk(kiosk);
    await fillIdentity(kiosk, fill(kiosk), { nom: "ZÉPHYRIN", prenoms: "Théodule" });
    await next(kiosk);
    await atStep(kiosk, "ADRESSE");
    await kiosk.getByLabel(fr.address.numero).fill("4242");
    await kiosk.getByLabel(fr.address.complement).fill("PAVILLON DES GLYCINES");

    const warning = kiosk.getByRole("alertdialog", { name: "Êtes-vous toujours là\u00a0?" });
    await warning.waitFor({ timeout: timings.idleMs + 5_000 });
    await expect.poll(() => kiosk.evaluate(() => document.activeElement?.textContent)).toBe("Oui, je suis là");
    await expect(warning.getByRole("button", { name: "Continuer sur mon téléphone" }).isVisible()).resolves.toBe(true);
    await check(kiosk, "toujours-la");
    expect(await smallTargets(kiosk)).toEqual([]);
    await kiosk.setViewportSize(landscape);
    await check(kiosk, "toujours-la");
    await kiosk.setViewportSize(portrait);
    // Seconds into the warning, whoever stands there may not be the citizen: no resume code, no QR code, none even asked for.
    await expect(kiosk.locator(".resume-offer__code").count()).resolves.toBe(0);
    await expect(kiosk.getByRole("img", { name: /QR code/ }).count()).resolves.toBe(0);
    await expect(warning.innerText()).resolves.not.toMatch(/\b[2-9A-Z]{4}-[2-9A-Z]{4}\b/);
    expect(offers).toEqual([]);
    await warning.getByRole("button", { name: "Oui, je suis là" }).click();
    await expect.poll(() => warning.isVisible()).toBe(false);
    await expect(kiosk.getByLabel(fr.address.numero).inputValue()).resolves.toBe("4242");

    // The citizen is there and asks for the code: the handoff screen shows it; they come back to the step.
    await warning.waitFor({ timeout: timings.idleMs + 5_000 });
    await warning.getByRole("button", { name: "Continuer sur mon téléphone" }).click();
    await kiosk.getByRole("heading", { name: "Continuer sur mon téléphone" }).waitFor();
    expect(offers).toHaveLength(1);
    const code = (await kiosk.locator(".resume-offer__code [aria-hidden=true]").textContent())!;
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await kiosk.getByRole("button", { name: "Revenir à mon inscription" }).click();
    await atStep(kiosk, "ADRESSE");
    await expect(kiosk.getByLabel(fr.address.numero).inputValue()).resolves.toBe("4242");

    // This time nobody answers.
    await warning.waitFor({ timeout: timings.idleMs + 5_000 });
    await expect.poll(() => kiosk.getByRole("button", { name: "Créer mon espace" }).isVisible(), { timeout: timings.warningMs + 5_000 }).toBe(true);
    const html = await kiosk.locator("body").innerHTML();
    for (const answer of ["ZÉPHYRIN", "Théodule", "Bruxelles", "01/05/1975", "4242", "GLYCINES", "ADRESSE", code]) expect(html).not.toContain(answer);
    await expect(kiosk.evaluate(() => document.querySelectorAll("input, select, textarea").length)).resolves.toBe(0);
    await expect(kiosk.title()).resolves.toBe("Borne – Espace citoyen – CCPLM");
    await expectNothingStored(kiosk);

    // The next person typed the code seen earlier on this kiosk: it was cancelled with the wipe, and opens nothing.
    await kiosk.getByRole("button", { name: "Reprendre une inscription" }).click();
    await kiosk.getByLabel("Code de reprise").waitFor();
    await tapKeys(kiosk, code);
    await kiosk.getByRole("button", { name: "Reprendre", exact: true }).click();
    await expect.poll(() => kiosk.locator(".field__error").textContent()).toContain("a été annulé");
    await expect(kiosk.content()).resolves.not.toMatch(/ZÉPHYRIN|Théodule|GLYCINES/);
    await kiosk.getByRole("button", { name: "Retour" }).click();
  }, 240_000);

  it("met no Content-Security-Policy refusal and no missing favicon on any device", () => {
    expect(refusals.flat()).toEqual([]);
  });
});
