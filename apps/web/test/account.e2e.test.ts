import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { fr } from "@guichet/schema";
import {
  checkPage,
  desktop,
  ensureBuilt,
  hasChromium,
  launchChromium,
  startServer,
  type RunningServer,
  recordRefusals,
  freePort,
  devMailText,
} from "./harness";

let server: RunningServer;
let baseUrl = "";
let browser: Browser;
let page: Page;

const heading = () => page.locator("h1");
const atStep = (title: string) => expect.poll(() => heading().textContent()).toBe(title);
const next = () => page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
const back = () => page.getByRole("button", { name: fr.buttons.back, exact: true }).click();

/** A 1 × 1 PNG, as a citizen's photo. */
const photoPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
/** The image with this text alternative has loaded its pixels (fetched from the server, not a broken link). */
const photoShown = (alt: string) =>
  expect
    .poll(
      () =>
        page
          .getByRole("img", { name: alt })
          .evaluateAll((imgs) => imgs.some((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0)),
      { timeout: 15_000 },
    )
    .toBe(true);

const devMail = (subject: string) => devMailText(page, baseUrl, subject);

let refusals: string[] = [];

describe.skipIf(!hasChromium)("from sign-up to Mon espace in a browser", () => {
  beforeAll(async () => {
    ensureBuilt();
    const port = await freePort();
    server = await startServer({ GUICHET_CAPTCHA: "off", PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    baseUrl = server.url;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: desktop, locale: "fr-FR" });
    page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    refusals = recordRefusals(page);
  });

  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it("signs up as the seed's citizen, with a photo kept across PRÉCÉDENT, a reload and the review", async () => {
    await page.goto(`${baseUrl}/inscription`);
    await atStep("BIENVENUE");
    await page.getByRole("button", { name: fr.buttons.start }).click();
    await atStep("CGU");
    await page.getByLabel(fr.terms.accept).check();
    await next();
    await atStep("IDENTITÉ");
    await page.getByLabel(fr.identity.monsieur).check();
    await page.getByLabel(fr.identity.nomUsuel).fill("BOYET");
    await page.getByLabel(fr.identity.prenoms).fill("Marc");
    await page.getByLabel(fr.identity.dateNaissance).fill("01051975");
    await expect.poll(() => page.getByLabel(fr.identity.paysNaissance).locator("option").count()).toBeGreaterThan(100);
    await page.getByLabel(fr.identity.departementNaissance).selectOption("95");
    // The whole name typed, not picked from the list: the server recognises the one commune of that name.
    await page.getByLabel(fr.identity.communeNaissance).fill("pontoise");
    await page.locator("input[type=file]").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: photoPng });
    // The photo is decoded and re-encoded on the server: seconds on a loaded machine.
    await expect.poll(() => page.getByRole("status").allTextContents(), { timeout: 15_000 }).toContain("Photo ajoutée.");
    // PRÉCÉDENT then SUIVANT: the photo went with the step and comes back from the server.
    await back();
    await atStep("CGU");
    await next();
    await atStep("IDENTITÉ");
    await photoShown("Aperçu de votre photo");
    await page.reload();
    await atStep("IDENTITÉ");
    await photoShown("Aperçu de votre photo");
    await next();
    // The first look-up by name may load the commune catalogue in this fresh server: seconds on a loaded machine.
    await expect.poll(() => heading().textContent(), { timeout: 15_000 }).toBe("ADRESSE");
    await page.getByLabel(fr.address.numero).fill("15");
    await page.getByRole("combobox", { name: fr.address.voie }).pressSequentially("rue de la poste", { delay: 20 });
    await page
      .getByRole("option", { name: /RUE DE LA POSTE.*Bram/i })
      .first()
      .click();
    await next();
    await atStep("MOYENS DE CONTACT");
    await page.getByLabel(fr.contacts.courriel).fill("marc.boyet@example.fr");
    await next();
    await atStep("AUTHENTIFICATION");
    await page.getByLabel(fr.credentials.username).fill("mboyet");
    await page.locator("#f-password").fill("Lauragais2026");
    await page.getByLabel(fr.credentials.confirmation).fill("Lauragais2026");
    await next();
    await atStep("SERVICES");
    await next();
    await atStep("RÉCAPITULATIF");
    await photoShown("Aperçu de votre photo");
    await next();
    await atStep("CONTRÔLE DE SÉCURITÉ");
    await page.getByRole("button", { name: fr.buttons.validate }).click();
    await atStep(fr.done.title);
  });

  it("cannot log in before activation, and says why with a way to type the code", async () => {
    await page.goto(baseUrl);
    // Nothing typed: the focus goes to the first field in error, not to the body.
    await page.getByRole("button", { name: "Connexion" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("f-login-username");
    await page.getByLabel("Nom d’utilisateur").fill("mboyet");
    await page.getByLabel("Mot de passe", { exact: true }).fill("Lauragais2026");
    await page.getByRole("button", { name: "Connexion" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("n’est pas encore activé");
    // The refusal has the focus, so it is read out before anything else.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
    await expect(page.getByRole("link", { name: "Saisir mon code d’activation" }).isVisible()).resolves.toBe(true);
    await checkPage(page, "compte-01-accueil-en-attente");
  });

  it("opens the activation link of the e-mail listed on /dev/mail, which activates the espace and says so", async () => {
    const text = await devMail("Confirmation de création de votre espace citoyen");
    const link = text.match(/http:\/\/\S+\/activation#jeton=[\w-]+/)?.[0];
    expect(link, text).toBeTruthy();
    expect(text).toMatch(/^\s+\d{6}\s*$/m);
    await page.goto(link!);
    await expect.poll(() => page.getByRole("status").allTextContents()).toContain("Votre espace citoyen est activé. Vous pouvez maintenant vous connecter.");
    // The secret leaves the address bar once read.
    expect(new URL(page.url()).search).toBe("");
    expect(new URL(page.url()).hash).toBe("");
    await expect(page.getByLabel("Nom d’utilisateur").inputValue()).resolves.toBe("mboyet");
    await checkPage(page, "compte-02-active");

    // The same link, opened again, says it was used.
    await page.goto(link!);
    await expect
      .poll(() => page.getByRole("status").allTextContents())
      .toContain("Ce lien a déjà servi\u00a0: votre espace citoyen est déjà activé. Vous pouvez vous connecter.");
  });

  it("logs in and shows Mon espace with identity, address, contacts and the Enfance key, then logs out", async () => {
    await page.getByLabel("Mot de passe", { exact: true }).fill("Lauragais2026");
    await page.getByRole("button", { name: "Connexion" }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe("/mon-espace");
    await expect.poll(() => heading().textContent()).toBe("MON ESPACE");
    const main = page.locator("main");
    for (const text of [
      "Bonjour Monsieur Marc BOYET",
      "IDENTITÉ",
      "ADRESSE",
      "MOYENS DE CONTACT",
      "01/05/1975",
      "Rue de la Poste",
      "11150",
      "marc.boyet@example.fr",
      "Enfance",
      "ENF-7K3M-Q9",
    ])
      await expect(main.textContent()).resolves.toContain(text);
    await photoShown("Votre photo d’identité");
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "guichet_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    await checkPage(page, "compte-03-mon-espace");

    // The session survives a reload; the home offers the espace instead of the form.
    await page.goto(baseUrl);
    await expect.poll(() => page.getByRole("link", { name: "Accéder à mon espace" }).count()).toBe(1);
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Connexion" }).count()).toBe(1);
    await page.goto(`${baseUrl}/mon-espace`);
    await expect.poll(() => page.getByText("Pour accéder à votre espace, veuillez vous connecter.").count()).toBe(1);
  });

  it("resets a forgotten password through the e-mailed link, under the sign-up's rules", async () => {
    await page.goto(baseUrl);
    await page.getByRole("link", { name: "J’ai oublié mon mot de passe" }).click();
    await expect.poll(() => heading().textContent()).toBe("J’AI OUBLIÉ MON MOT DE PASSE");
    await page.getByLabel("Nom d’utilisateur ou courriel").fill("marc.boyet@example.fr");
    await page.getByRole("button", { name: "Recevoir un lien" }).click();
    await expect.poll(() => page.getByRole("status").allTextContents()).toContainEqual(expect.stringContaining("Si un espace citoyen correspond"));
    await checkPage(page, "compte-04-oubli");

    const text = await devMail("Réinitialisation de votre mot de passe");
    const link = text.match(/http:\/\/\S+\/nouveau-mot-de-passe#jeton=[\w-]+/)![0];
    await page.goto(link);
    await expect.poll(() => heading().textContent()).toBe("NOUVEAU MOT DE PASSE");
    await page.getByLabel("Nouveau mot de passe").fill("court");
    await page.getByLabel("Confirmation du mot de passe").fill("court");
    await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
    await expect.poll(() => page.locator(".error-summary").textContent()).toContain(fr.credentials.passwordWeak);
    await checkPage(page, "compte-05-nouveau-mot-de-passe-erreur");
    await page.getByLabel("Nouveau mot de passe").fill("Malepere.Bram42");
    await page.getByLabel("Confirmation du mot de passe").fill("Malepere.Bram42");
    await expect.poll(() => page.locator(".checklist__item--met").count()).toBe(5);
    await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
    await expect.poll(() => page.getByRole("status").allTextContents()).toContain("Votre mot de passe a été modifié. Vous pouvez maintenant vous connecter.");
    await page.getByLabel("Mot de passe", { exact: true }).fill("Malepere.Bram42");
    await page.getByRole("button", { name: "Connexion" }).click();
    await expect.poll(() => heading().textContent()).toBe("MON ESPACE");
  });

  it("offers the 6-digit code and a new e-mail on /activation, and answers a wrong code beside its field", async () => {
    await page.goto(`${baseUrl}/activation`);
    await expect.poll(() => heading().textContent()).toBe("ACTIVATION DE MON ESPACE");
    await page.getByLabel("Nom d’utilisateur ou courriel").first().fill("mboyet");
    await page.getByLabel("Code d’activation", { exact: true }).fill("12");
    await page.getByRole("button", { name: "Activer mon espace" }).click();
    await expect.poll(() => page.locator("#f-activation-code-error").textContent()).toContain("Le code d’activation se compose de 6 chiffres.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    await checkPage(page, "compte-06-code");
  });

  it("met no Content-Security-Policy refusal on the way, /dev/mail included", () => {
    expect(refusals).toEqual([]);
  });
});
