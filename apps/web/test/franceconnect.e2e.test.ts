import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startFranceConnectDev, type DevProvider } from "@guichet/franceconnect-dev";
import { fr } from "@guichet/schema";
import {
  checkPage,
  desktop,
  ensureBuilt,
  hasChromium,
  launchChromium,
  recordRefusals,
  startServer,
  type RunningServer,
  freePort,
  devMailText,
} from "./harness";

let server: RunningServer;
let provider: DevProvider;
let baseUrl = "";
let browser: Browser;
let page: Page;
let refusals: string[] = [];

const heading = () => page.locator("h1");
const atStep = (title: string, timeout = 10_000) => expect.poll(() => heading().textContent(), { timeout }).toBe(title);
const next = () => page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
const franceConnectButton = () => page.getByRole("button", { name: fr.franceConnect.button });

/** At the local FranceConnect: picks the fictional citizen and logs in, as a citizen would. */
async function logInAtFranceConnect(who: RegExp) {
  await expect.poll(() => new URL(page.url()).origin, { timeout: 15_000 }).toBe(provider.issuer);
  await page.getByLabel(who).check();
  await page.getByRole("button", { name: "Se connecter" }).click();
}

const devMail = (subject: string) => devMailText(page, baseUrl, subject);

describe.skipIf(!hasChromium)("FranceConnect in a browser: sign-up, login and logout", () => {
  beforeAll(async () => {
    ensureBuilt();
    const port = await freePort();
    const site = `http://127.0.0.1:${port}`;
    provider = await startFranceConnectDev({
      clients: [
        {
          clientId: "guichet-e2e",
          clientSecret: "a-secret-of-the-browser-test",
          redirectUris: [`${site}/franceconnect/callback`],
          postLogoutRedirectUris: [`${site}/`],
        },
      ],
    });
    server = await startServer({
      GUICHET_CAPTCHA: "off",
      PORT: String(port),
      PUBLIC_URL: site,
      FRANCECONNECT_ISSUER: provider.issuer,
      FRANCECONNECT_CLIENT_ID: "guichet-e2e",
      FRANCECONNECT_CLIENT_SECRET: "a-secret-of-the-browser-test",
      FRANCECONNECT_REDIRECT_URI: `${site}/franceconnect/callback`,
      FRANCECONNECT_POST_LOGOUT_REDIRECT_URI: `${site}/`,
    });
    baseUrl = server.url;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: desktop, locale: "fr-FR" });
    page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    refusals = recordRefusals(page);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    server?.stop();
    await provider?.close();
  });

  it("fills IDENTITÉ from FranceConnect (Marc BOYET), locked, and finishes the sign-up", async () => {
    await page.goto(`${baseUrl}/inscription`);
    await atStep("BIENVENUE");
    await expect(page.getByRole("link", { name: /Qu’est-ce que FranceConnect/ }).getAttribute("target")).resolves.toBe("_blank");
    await checkPage(page, "franceconnect-01-bienvenue");
    await franceConnectButton().click();
    await logInAtFranceConnect(/Marc BOYET/);

    // Back on the sign-up: the CGU still need their tick, then IDENTITÉ shows FranceConnect's identity, read-only.
    await atStep("CGU", 20_000);
    await page.getByLabel(fr.terms.accept).check();
    await next();
    await atStep("IDENTITÉ");
    const field = (label: string) => page.getByLabel(label, { exact: true });
    for (const [label, value] of [
      [fr.identity.civilite, "Monsieur"],
      [fr.identity.nomUsuel, "BOYET"],
      [fr.identity.prenoms, "Marc"],
      [fr.identity.dateNaissance, "01/05/1975"],
      [fr.identity.paysNaissance, "FRANCE"],
      [fr.identity.communeNaissance, "Pontoise"],
    ] as const) {
      await expect(field(label).inputValue(), label).resolves.toBe(value);
      await expect(field(label).getAttribute("readonly"), label).resolves.not.toBeNull();
    }
    await expect(page.getByText(fr.identity.certified).first().isVisible()).resolves.toBe(true);
    await expect(franceConnectButton().count()).resolves.toBe(0);
    await checkPage(page, "franceconnect-02-identite-certifiee");

    await next();
    await expect.poll(() => heading().textContent(), { timeout: 15_000 }).toBe("ADRESSE");
    await page.getByLabel(fr.address.numero).fill("15");
    await page.getByRole("combobox", { name: fr.address.voie }).pressSequentially("rue de la poste", { delay: 20 });
    await page
      .getByRole("option", { name: /RUE DE LA POSTE.*Bram/i })
      .first()
      .click();
    await next();
    await atStep("MOYENS DE CONTACT");
    // FranceConnect's e-mail, suggested.
    await expect(page.getByLabel(fr.contacts.courriel).inputValue()).resolves.toBe("marc.boyet@example.fr");
    await next();
    await atStep("AUTHENTIFICATION");
    await page.getByLabel(fr.credentials.username).fill("mboyet.fc");
    await page.locator("#f-password").fill("Lauragais2026");
    await page.getByLabel(fr.credentials.confirmation).fill("Lauragais2026");
    await next();
    await atStep("SERVICES");
    await next();
    await atStep("RÉCAPITULATIF");
    await expect(page.getByText(fr.identity.certified).isVisible()).resolves.toBe(true);
    await checkPage(page, "franceconnect-03-recapitulatif");
    await next();
    await atStep("CONTRÔLE DE SÉCURITÉ");
    await page.getByRole("button", { name: fr.buttons.validate }).click();
    await atStep(fr.done.title);
  }, 240_000);

  it("activates the espace, logs in with FranceConnect to Mon espace, and logs out of FranceConnect too", async () => {
    const text = await devMail("Confirmation de création de votre espace citoyen");
    const link = text.match(/http:\/\/\S+\/activation#jeton=[\w-]+/)?.[0];
    expect(link, text).toBeTruthy();
    await page.goto(link!);
    await expect.poll(() => page.getByRole("status").allTextContents()).toContain("Votre espace citoyen est activé. Vous pouvez maintenant vous connecter.");

    await page.goto(baseUrl);
    await checkPage(page, "franceconnect-04-connexion");
    await franceConnectButton().click();
    await logInAtFranceConnect(/Marc BOYET/);
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe("/mon-espace");
    await expect.poll(() => heading().textContent()).toBe("MON ESPACE");
    await expect(page.locator("main").textContent()).resolves.toContain("Marc BOYET");

    await page.getByRole("button", { name: "Se déconnecter" }).click();
    // FranceConnect's end-session (the local stand-in asks to confirm), then back to the home page.
    await expect.poll(() => new URL(page.url()).origin, { timeout: 15_000 }).toBe(provider.issuer);
    await page.getByRole("button", { name: /sign me out/i }).click();
    await expect.poll(() => new URL(page.url()).origin + new URL(page.url()).pathname, { timeout: 15_000 }).toBe(`${baseUrl}/`);
    await expect.poll(() => page.getByRole("button", { name: "Connexion" }).count()).toBe(1);
  }, 240_000);

  it("opens no espace for an identity that has none, and says so on the home page", async () => {
    await page.goto(baseUrl);
    await franceConnectButton().click();
    await logInAtFranceConnect(/Amina/);
    await expect.poll(() => page.getByRole("alert").allTextContents(), { timeout: 20_000 }).toContain(fr.franceConnect.loginFailures.unknown);
    expect(new URL(page.url()).hash).toBe("");
    await checkPage(page, "franceconnect-05-identite-inconnue");
  }, 60_000);

  it("says why above the sign-up when FranceConnect gives no identity: cancelled, or a birth commune it does not know", async () => {
    for (const [how, sentence] of [
      ["cancel", fr.franceConnect.failures.cancelled],
      ["commune", fr.franceConnect.failures.commune],
    ] as const) {
      await page.goto(`${baseUrl}/inscription`);
      await atStep("BIENVENUE");
      await franceConnectButton().click();
      await expect.poll(() => new URL(page.url()).origin, { timeout: 15_000 }).toBe(provider.issuer);
      if (how === "cancel") await page.getByRole("button", { name: "Annuler et revenir au service" }).click();
      else await logInAtFranceConnect(/LIEUINCONNU/);
      await expect.poll(() => new URL(page.url()).origin, { timeout: 20_000 }).toBe(baseUrl);
      await expect.poll(() => page.getByRole("alert").allTextContents(), { timeout: 20_000 }).toContain(sentence);
      expect(new URL(page.url()).hash).toBe("");
    }
    await checkPage(page, "franceconnect-06-commune-inconnue");
  }, 120_000);

  it("met no Content-Security-Policy refusal on the way", () => {
    expect(refusals).toEqual([]);
  });
});
