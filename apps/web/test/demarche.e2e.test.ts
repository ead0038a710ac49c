import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { fr } from "@guichet/schema";
import {
  checkPage,
  desktop,
  ensureBuilt,
  hasChromium,
  launchChromium,
  phone,
  recordRefusals,
  startServer,
  type RunningServer,
  freePort,
  devMailText,
} from "./harness";

let server: RunningServer;
let browser: Browser;
const refusals: string[][] = [];

const OLD_ADDRESS = "claire.martin@example.fr";
const NEW_ADDRESS = "claire.martin@nouveau.example.fr";
const USERNAME = "cmartin";
const PASSWORD = "Lauragais2026";

/** A whole sign-up over the API: the browser part of this suite is Mon espace. */
async function signUpOverApi(base: string) {
  type View = { token: string; version: number; step: string };
  const call = async (path: string, input?: unknown): Promise<View> => {
    const res = await fetch(`${base}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input ?? null) });
    const body = (await res.json()) as { result?: { data: View }; error?: unknown };
    if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
    return body.result.data;
  };
  let view = await call("flow.start");
  view = await call("flow.send", { token: view.token, version: view.version, move: { type: "START" } });
  for (const values of [
    { accepted: true },
    {
      civilite: "Madame",
      nomUsuel: "MARTIN",
      prenoms: "Claire",
      dateNaissance: "02/03/1980",
      paysNaissance: "FR",
      departementNaissance: "95",
      communeNaissance: "95500",
    },
    { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", codeInsee: "11049", pays: "FR" },
    { courriel: OLD_ADDRESS, moyenPrefere: "courriel" },
    { username: USERNAME, password: PASSWORD, confirmation: PASSWORD },
    { keys: {} },
    undefined,
    { challengeId: "off", text: "off" },
  ])
    view = await call("flow.send", { token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });
  expect(view.step).toBe("done");
}

const heading = (page: Page) => page.locator("h1");
const atStep = (page: Page, title: string) => expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toBe(title);

const devMail = (page: Page, subject: string) => devMailText(page, server.url, subject);

async function device(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: "fr-FR" });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  refusals.push(recordRefusals(page));
  return { context, page };
}

async function login(page: Page) {
  await page.goto(server.url);
  await page.getByLabel("Nom d’utilisateur").fill(USERNAME);
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Connexion" }).click();
  // The password's hash takes its time on a loaded machine.
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe("/mon-espace");
  await atStep(page, "MON ESPACE");
}

describe.skipIf(!hasChromium)("a démarche of Mon espace in a browser, begun on a phone and finished on a computer", () => {
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

  it("has an active espace to begin with (signed up over the API, activated by the e-mailed link)", async () => {
    await signUpOverApi(server.url);
    const { context, page } = await device(desktop);
    const text = await devMail(page, "Confirmation de création de votre espace citoyen");
    await page.goto(text.match(/http:\/\/\S+\/activation#jeton=[\w-]+/)![0]);
    await expect
      .poll(() => page.getByRole("status").allTextContents(), { timeout: 15_000 })
      .toContain("Votre espace citoyen est activé. Vous pouvez maintenant vous connecter.");
    await context.close();
  });

  it("starts « Modifier mes coordonnées » at 375 px, prefilled, changes the address, and stops there", async () => {
    const { context, page } = await device(phone);
    await login(page);
    await expect.poll(() => page.getByRole("heading", { name: "MES DÉMARCHES" }).count()).toBe(1);
    await checkPage(page, "demarche-01-mon-espace");
    await page.getByRole("link", { name: "Modifier mes coordonnées" }).click();
    await atStep(page, "ADRESSE");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/mon-espace/demarche/modifier-coordonnees");
    await expect.poll(() => page.locator(".flow__title").textContent()).toBe("MODIFIER MES COORDONNÉES");
    // The account's values, on the sign-up's page; nothing before this first page.
    await expect(page.getByLabel(fr.address.numero).inputValue()).resolves.toBe("15");
    await expect(page.getByLabel(fr.address.codePostal).inputValue()).resolves.toBe("11150");
    await expect(page.getByRole("button", { name: fr.buttons.back, exact: true }).count()).resolves.toBe(0);
    await checkPage(page, "demarche-02-adresse");
    await page.getByLabel(fr.address.numero).fill("2");
    await page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
    await atStep(page, "MOYENS DE CONTACT");
    await expect(page.getByLabel(fr.contacts.courriel).inputValue()).resolves.toBe(OLD_ADDRESS);
    await context.close();
  }, 240_000);

  it("resumes it at 1280 px from « Mes démarches en cours », changes the e-mail, validates, and sees the change once confirmed", async () => {
    const { context, page } = await device(desktop);
    await login(page);
    const row = page.getByRole("region", { name: "MES DÉMARCHES EN COURS" }).getByRole("listitem").filter({ hasText: "Modifier mes coordonnées" });
    await expect.poll(() => row.textContent()).toContain("MOYENS DE CONTACT");
    await checkPage(page, "demarche-03-en-cours");
    await row.getByRole("button", { name: /Reprendre/ }).click();
    await atStep(page, "MOYENS DE CONTACT");
    await page.getByLabel(fr.contacts.courriel).fill(NEW_ADDRESS);
    await page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
    await atStep(page, "RÉCAPITULATIF");
    await expect(page.locator("main").textContent()).resolves.toContain(NEW_ADDRESS);
    await checkPage(page, "demarche-04-recapitulatif");
    await page.getByRole("button", { name: fr.buttons.validate, exact: true }).click();
    await atStep(page, "TERMINÉ");
    await expect(page.locator("main").textContent()).resolves.toContain("Vos coordonnées ont été enregistrées.");
    await checkPage(page, "demarche-05-termine");
    await page.getByRole("link", { name: "Retour à Mon espace" }).click();
    await atStep(page, "MON ESPACE");
    const main = page.locator("main");
    await expect.poll(() => main.textContent()).toContain(`${NEW_ADDRESS} (en attente de confirmation)`);
    await expect(main.textContent()).resolves.toContain(OLD_ADDRESS);
    expect(await page.getByRole("heading", { name: "MES DÉMARCHES EN COURS" }).count()).toBe(0);

    const text = await devMail(page, "Confirmez votre nouvelle adresse électronique");
    const link = text.match(/http:\/\/\S+\/confirmer-courriel#jeton=[\w-]+/)![0];
    await page.goto(link);
    await expect
      .poll(() => page.getByRole("status").allTextContents(), { timeout: 15_000 })
      .toContain("Votre nouvelle adresse électronique est confirmée. Elle remplace l’ancienne dans votre espace.");
    // The secret leaves the address bar once read.
    expect(new URL(page.url()).hash).toBe("");
    await checkPage(page, "demarche-06-courriel-confirme");
    await page.getByRole("link", { name: "Accéder à mon espace" }).click();
    await atStep(page, "MON ESPACE");
    await expect.poll(() => main.textContent()).toContain(NEW_ADDRESS);
    await expect(main.textContent()).resolves.not.toContain("en attente de confirmation");
    await expect(main.textContent()).resolves.not.toContain(OLD_ADDRESS);
    await context.close();
  }, 240_000);

  it("met no Content-Security-Policy refusal on the way", () => {
    expect(refusals.flat()).toEqual([]);
  });
});
