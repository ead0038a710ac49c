import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { fr } from "@guichet/schema";
import { ui } from "@guichet/ui";
import { checkPage, desktop, ensureBuilt, hasChromium, launchChromium, recordRefusals, startServer, type RunningServer } from "./harness";

let server: RunningServer;
let baseUrl = "";
let browser: Browser;
let context: BrowserContext;
let page: Page;
let shot = 0;
let refusals: string[] = [];

/** axe at both widths, and the screenshots to look at, numbered in the order of the journey. */
const check = (name: string) => checkPage(page, `${String(++shot).padStart(2, "0")}-${name}`);

const heading = () => page.locator("h1");
const next = () => page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
const back = () => page.getByRole("button", { name: fr.buttons.back, exact: true }).click();
const atStep = (title: string) => expect.poll(() => heading().textContent()).toBe(title);

describe.skipIf(!hasChromium)("signing up in a browser", () => {
  beforeAll(async () => {
    ensureBuilt();
    server = await startServer({ GUICHET_CAPTCHA: "off" });
    baseUrl = server.url;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: desktop, locale: "fr-FR" });
    page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    refusals = recordRefusals(page);
  });

  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it("shows the portal's home with the tenant's name, contacts and news", async () => {
    await page.goto(baseUrl);
    await expect.poll(() => page.locator(".site-header__name").textContent()).toContain("Piège Lauragais Malepère");
    await expect(page.getByRole("link", { name: "04 68 76 69 40" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { name: "MON ESPACE PERSO" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { name: ui.portal.noSpace }).isVisible()).resolves.toBe(true);
    await expect.poll(() => page.locator(".news__item").count()).toBeGreaterThan(0);
    // The seed's news: each with « Lire la suite », the newest offer with its « NOUVEAU » badge.
    await expect(page.getByRole("link", { name: /^Lire la suite/ }).count()).resolves.toBe(await page.locator(".news__item").count());
    await expect(page.locator(".news__item", { hasText: "Mode de paiement" }).getByText("NOUVEAU").isVisible()).resolves.toBe(true);
    // Phone numbers and the signs of French typography never wrap alone.
    await expect(page.locator(".site-header__contacts a").first().textContent()).resolves.toBe("04\u00a068\u00a076\u00a069\u00a040");
    await expect(page.locator("body").innerText()).resolves.not.toMatch(/ [?!:;»]/);
    // The e-mail says to type the code "sur le portail": the home and the login form lead there.
    await expect(page.getByRole("link", { name: "Activer mon espace avec le code reçu" }).getAttribute("href")).resolves.toBe("/activation");
    await expect(page.getByRole("link", { name: "Activez-le avec le code reçu par courriel" }).getAttribute("href")).resolves.toBe("/activation");
    await check("accueil");
    // « Lire la suite » opens the news page at that item.
    await page
      .locator(".news__item", { hasText: "Mode de paiement" })
      .getByRole("link", { name: /^Lire la suite/ })
      .click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/actualites");
    expect(new URL(page.url()).hash).toBe("#actualite-2026-01-01");
    await expect(page.locator("#actualite-2026-01-01").textContent()).resolves.toContain("Mode de paiement");
    await page.goto(baseUrl);
    await page.getByRole("link", { name: "Créer mon espace" }).waitFor();
  });

  it("starts a flow from Créer mon espace and refuses the CGU unticked, in French, focusing the summary", async () => {
    await page.getByRole("link", { name: "Créer mon espace" }).click();
    await atStep("BIENVENUE");
    expect(new URL(page.url()).pathname).toBe("/inscription");
    // The link is gone with the home page: the focus goes to the step's title, not back to the body.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await expect(page.title()).resolves.toBe("BIENVENUE – Inscription – CCPLM");
    await expect.poll(() => page.evaluate(() => localStorage.getItem("guichet.flow"))).toBeTruthy();
    await check("bienvenue");
    await page.getByRole("button", { name: fr.buttons.start }).click();
    await atStep("CGU");
    await expect(page.getByRole("region", { name: ui.cguRegion }).textContent()).resolves.toContain("PRÉAMBULE");
    await expect(page.getByRole("heading", { name: fr.terms.dataTitle }).isVisible()).resolves.toBe(true);
    // The seed's text without its faults: accents on capitals, « À ce titre », typographic signs.
    const cgu = (await page.getByRole("region", { name: ui.cguRegion }).textContent()) ?? "";
    expect(cgu).toContain("CONDITIONS GÉNÉRALES D’UTILISATION");
    expect(cgu).toContain("À ce titre");
    expect(cgu).not.toMatch(/ [?!:;»]|\p{L}'\p{L}/u);
    // « mentions d’information » is a link to the notice, which it opens.
    await page.getByRole("link", { name: "mentions d’information" }).click();
    await expect.poll(() => page.locator("#mentions-information").getAttribute("open")).not.toBeNull();
    await expect(page.locator("#mentions-information").textContent()).resolves.toContain("Responsable du traitement");
    // The CGU's own headings come right under the step's title.
    await expect(page.getByRole("heading", { name: "PRÉAMBULE", level: 2 }).count()).resolves.toBe(1);
    await check("cgu");
    await next();
    const summary = page.locator(".error-summary");
    await expect.poll(() => summary.isVisible()).toBe(true);
    await expect(summary.textContent()).resolves.toContain(fr.errorSummaryTitle);
    await expect(summary.textContent()).resolves.toContain(fr.terms.mustAccept);
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    await check("cgu-erreurs");
    await summary.getByRole("link", { name: fr.terms.mustAccept }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("f-accepted");
    await page.getByLabel(fr.terms.accept).check();
    await next();
    await atStep("IDENTITÉ");
    // Three pages checked at two widths by axe and html-validate: more than the default minute on a busy machine.
  }, 120_000);

  it("shows each identity error beside its field and in the summary, then takes the seed's identity", async () => {
    await expect(page.getByText(fr.mandatoryNotice).isVisible()).resolves.toBe(true);
    await expect(page.getByText("Étape 2 sur 8").isVisible()).resolves.toBe(true);
    await page.getByLabel(fr.identity.dateNaissance).fill("31/02/1975");
    await next();
    const summary = page.locator(".error-summary");
    await expect.poll(() => summary.isVisible()).toBe(true);
    for (const message of [fr.identity.civiliteRequired, fr.identity.nomUsuelRequired, fr.identity.prenomsRequired, fr.identity.dateReal])
      await expect(summary.textContent()).resolves.toContain(message);
    await expect(page.locator("#f-nomUsuel-error").textContent()).resolves.toContain(fr.identity.nomUsuelRequired);
    await expect(page.getByLabel(fr.identity.nomUsuel).getAttribute("aria-invalid")).resolves.toBe("true");
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    await expect(page.title()).resolves.toBe("Erreur\u00a0: IDENTITÉ (2/8) – Inscription – CCPLM");
    await check("identite-erreurs");

    await page.getByLabel(fr.identity.monsieur).check();
    await page.getByLabel(fr.identity.nomUsuel).fill("BOYET");
    await page.getByLabel(fr.identity.prenoms).fill("Marc");
    await page.getByLabel(fr.identity.dateNaissance).fill("01051975");
    await expect(page.getByLabel(fr.identity.dateNaissance).inputValue()).resolves.toBe("01/05/1975");
    await expect.poll(() => page.getByLabel(fr.identity.paysNaissance).locator("option").count()).toBeGreaterThan(100);
    await expect(page.getByLabel(fr.identity.paysNaissance).inputValue()).resolves.toBe("FR");
    await expect(page.locator("#f-communeNaissance-hint").textContent()).resolves.toBe(ui.communeAnyDepartement);
    await page.getByLabel(fr.identity.departementNaissance).selectOption("95");
    await expect(page.locator("#f-communeNaissance-hint").count()).resolves.toBe(0);
    await page.getByLabel(fr.identity.communeNaissance).fill("Pontoise");
    const option = page.getByRole("option", { name: "Pontoise (95)", exact: true });
    await option.waitFor();
    await check("identite-commune");
    // The keyboard way of the combobox: down to the first option, Enter to choose it.
    await page.getByLabel(fr.identity.communeNaissance).press("ArrowDown");
    await expect(page.getByLabel(fr.identity.communeNaissance).getAttribute("aria-activedescendant")).resolves.toBe(await option.getAttribute("id"));
    await page.getByLabel(fr.identity.communeNaissance).press("Enter");
    await expect(page.getByLabel(fr.identity.communeNaissance).inputValue()).resolves.toBe("Pontoise");
    await check("identite");
    await next();
    await atStep("ADRESSE");
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    // Four pages checked at two widths by axe and html-validate: more than the default minute on a busy machine.
  }, 120_000);

  it("chooses the street from the list, which fills the postal code and town, and keeps everything across a reload", async () => {
    await page.getByLabel(fr.address.numero).fill("15");
    await page.getByRole("combobox", { name: fr.address.voie }).pressSequentially("rue de la poste", { delay: 20 });
    const bram = page.getByRole("option", { name: /RUE DE LA POSTE.*Bram/i });
    await bram.first().waitFor();
    await expect(page.getByRole("option", { name: fr.address.voieNotListed }).isVisible()).resolves.toBe(true);
    await check("adresse-voies");
    await bram.first().click();
    await expect(page.getByLabel(fr.address.codePostal).inputValue()).resolves.toBe("11150");
    await expect(page.getByLabel(fr.address.ville).inputValue()).resolves.toBe("Bram");
    await check("adresse");

    // Five communes share 11150: typing it offers them, and keeps the one already chosen.
    await page.getByLabel(fr.address.codePostal).fill("");
    await page.getByLabel(fr.address.codePostal).pressSequentially("11150");
    const ville = page.locator("select#f-ville");
    await ville.waitFor();
    await expect(ville.locator("option").allTextContents()).resolves.toEqual(expect.arrayContaining(["Bram", "Pexiora", "Villasavary"]));
    await expect(ville.inputValue()).resolves.toBe("Bram");
    await check("adresse-villes");

    await page.reload();
    await atStep("ADRESSE");
    await expect.poll(() => page.getByLabel(fr.address.numero).inputValue()).toBe("15");
    await expect(page.getByRole("combobox", { name: fr.address.voie }).inputValue()).resolves.toMatch(/RUE DE LA POSTE/i);
    await expect(page.getByLabel(fr.address.codePostal).inputValue()).resolves.toBe("11150");
    await expect(page.getByLabel(fr.address.ville).inputValue()).resolves.toBe("Bram");

    await back();
    await atStep("IDENTITÉ");
    await expect(page.getByLabel(fr.identity.monsieur).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel(fr.identity.nomUsuel).inputValue()).resolves.toBe("BOYET");
    await expect(page.getByLabel(fr.identity.prenoms).inputValue()).resolves.toBe("Marc");
    await expect(page.getByLabel(fr.identity.dateNaissance).inputValue()).resolves.toBe("01/05/1975");
    await expect(page.getByLabel(fr.identity.departementNaissance).inputValue()).resolves.toBe("95");
    await expect(page.getByLabel(fr.identity.communeNaissance).inputValue()).resolves.toBe("Pontoise");
    await next();
    await atStep("ADRESSE");
    await expect(page.getByLabel(fr.address.numero).inputValue()).resolves.toBe("15");
    await expect(page.getByLabel(fr.address.codePostal).inputValue()).resolves.toBe("11150");
    await next();
    await atStep("MOYENS DE CONTACT");
  });

  it("checks the contacts, then the credentials with the live password checklist", async () => {
    // The preferred means are those filled in, the e-mail first.
    const means = () => page.getByLabel(fr.contacts.moyenPrefere).locator("option").allTextContents();
    await expect(means()).resolves.toEqual([fr.contacts.courriel]);
    await page.getByLabel(fr.contacts.mobile).fill("06 12 34 56 78");
    await expect.poll(means).toEqual([fr.contacts.courriel, fr.contacts.mobile]);
    await page.getByLabel(fr.contacts.moyenPrefere).selectOption("mobile");
    await page.getByLabel(fr.contacts.mobile).fill("");
    await expect.poll(means).toEqual([fr.contacts.courriel]);
    await expect(page.getByLabel(fr.contacts.moyenPrefere).inputValue()).resolves.toBe("courriel");
    await page.getByLabel(fr.contacts.telephone).fill("12");
    await page.getByLabel(fr.contacts.courriel).fill("marc.boyet@example");
    await next();
    await expect.poll(() => page.locator(".error-summary").textContent()).toContain(fr.contacts.courrielFormat);
    await expect(page.locator(".error-summary").textContent()).resolves.toContain(fr.contacts.phoneFormat);
    await check("contacts-erreurs");
    await page.getByLabel(fr.contacts.telephone).fill("");
    await page.getByLabel(fr.contacts.courriel).fill("marc.boyet@example.fr");
    await next();
    await atStep("AUTHENTIFICATION");

    await expect(page.locator("#f-password-hint").textContent()).resolves.toBe(fr.credentials.passwordRule);
    await page.getByLabel(fr.credentials.username).fill("mboyet");
    await page.locator("#f-password").fill("bram");
    await expect(page.locator(".checklist__item--met").count()).resolves.toBeLessThan(5);
    // The strength meter: the server's estimate once typing pauses, in a polite live region, in French.
    const meter = page.locator(".strength[aria-live=polite]");
    await expect.poll(() => meter.textContent(), { timeout: 15_000 }).toMatch(/^Robustesse du mot de passe\u00a0: (très faible|faible)/);
    await page.locator("#f-password").fill("Lauragais-Minervois-Corbières-2026");
    await expect.poll(() => meter.textContent(), { timeout: 15_000 }).toMatch(/^Robustesse du mot de passe\u00a0: très bonne/);
    await page.locator("#f-password").fill("bram");
    await next();
    await expect.poll(() => page.locator(".error-summary").textContent()).toContain(fr.credentials.passwordWeak);
    await check("authentification-erreurs");
    await page.locator("#f-password").fill("Lauragais2026");
    await page.getByLabel(fr.credentials.confirmation).fill("Lauragais2026");
    await expect.poll(() => page.locator(".checklist__item--met").count()).toBe(5);
    await check("authentification");
    await next();
    await atStep("SERVICES");
  });

  it("shows the services, the review with its Modifier buttons, the security check and the final page", async () => {
    await expect(page.getByRole("columnheader", { name: fr.services.service }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("rowheader", { name: "Enfance" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("link", { name: "jeunesse@ccplm.fr" }).getAttribute("href")).resolves.toBe("mailto:jeunesse@ccplm.fr");
    await expect(page.locator("main").textContent()).resolves.toContain("«\u00a0modification de votre Espace\u00a0»");
    await check("services");
    await next();
    await atStep("RÉCAPITULATIF");
    const main = page.locator("main");
    for (const text of ["BOYET", "Marc", "01/05/1975", "Pontoise", "Bram", "11150", "marc.boyet@example.fr", "mboyet"])
      await expect(main.textContent()).resolves.toContain(text);
    await expect(page.getByRole("button", { name: /^Modifier/ }).count()).resolves.toBe(5);
    await check("recapitulatif");

    await page.getByRole("button", { name: /Modifier.*MOYENS DE CONTACT/ }).click();
    await atStep("MOYENS DE CONTACT");
    await expect(page.getByLabel(fr.contacts.courriel).inputValue()).resolves.toBe("marc.boyet@example.fr");
    await page.getByLabel(fr.contacts.mobile).fill("06 12 34 56 78");
    await next();
    await atStep("RÉCAPITULATIF");
    await expect(page.locator("main").textContent()).resolves.toContain("06 12 34 56 78");

    await next();
    await atStep("CONTRÔLE DE SÉCURITÉ");
    await expect(page.getByText(fr.captcha.disabled).isVisible()).resolves.toBe(true);
    await check("controle");
    await page.getByRole("button", { name: fr.buttons.validate }).click();
    await atStep(fr.done.title);
    // Says where the e-mail went (in full to the person who just typed it, so a typo shows), that the espace
    // waits for activation, for how long, and where to look.
    await expect(page.getByText(fr.done.sentTo("marc.boyet@example.fr")).isVisible()).resolves.toBe(true);
    await expect(page.getByText(fr.done.activate(72)).isVisible()).resolves.toBe(true);
    await expect(page.getByText(fr.done.spam).isVisible()).resolves.toBe(true);
    // The code can be typed here, and a lost e-mail sent again.
    await expect(page.getByRole("heading", { name: "J’ai reçu un code d’activation" }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Code d’activation", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { name: "Je n’ai pas reçu le courriel" }).isVisible()).resolves.toBe(true);
    await expect.poll(() => page.evaluate(() => localStorage.getItem("guichet.flow"))).toBeNull();
    await check("termine");
    await page.locator("#f-lost-identifiant").fill("mboyet");
    await page.getByRole("button", { name: "Recevoir un nouveau courriel" }).click();
    await expect
      .poll(() => page.getByRole("status").allTextContents(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining("nouveau courriel d’activation vient d’être envoyé"));
  });

  it("asks before ANNULER, then forgets the flow and returns home", async () => {
    await page.evaluate(() => localStorage.removeItem("guichet.flow"));
    await page.goto(`${baseUrl}/inscription`);
    await atStep("BIENVENUE");
    await page.getByRole("button", { name: fr.buttons.start }).click();
    await atStep("CGU");
    await page.getByRole("button", { name: fr.buttons.cancel }).click();
    const dialog = page.getByRole("dialog", { name: fr.cancelConfirm });
    await dialog.waitFor();
    await check("annuler");
    await dialog.getByRole("button", { name: "Oui, abandonner" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/");
    await expect(page.evaluate(() => localStorage.getItem("guichet.flow"))).resolves.toBeNull();
  });

  it("forgets an unknown flow and offers to start again", async () => {
    await page.evaluate(() => localStorage.setItem("guichet.flow", "x".repeat(43)));
    await page.goto(`${baseUrl}/inscription`);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain(fr.errors.notFound);
    await expect(page.evaluate(() => localStorage.getItem("guichet.flow"))).resolves.toBeNull();
    await check("inscription-introuvable");
    await page.getByRole("button", { name: fr.buttons.start }).click();
    await atStep("BIENVENUE");
  });

  it("shows the resume page, and its refusal of a wrong code, to html-validate and axe", async () => {
    await page.goto(`${baseUrl}/reprendre`);
    await page.getByLabel("Code de reprise").waitFor();
    await check("reprendre");
    await page.getByLabel("Code de reprise").fill("AAAA-AAAA");
    await page.getByRole("button", { name: "Reprendre", exact: true }).click();
    await expect.poll(() => page.locator(".field__error").count()).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-invalid"))).toBe("true");
    await check("reprendre-erreur");
  });

  it("has a description for search engines and a favicon", async () => {
    await page.goto(baseUrl);
    await expect(page.locator("meta[name=description]").getAttribute("content")).resolves.toMatch(/espace citoyen/);
    const icon = await page.locator("link[rel=icon]").getAttribute("href");
    expect((await page.request.get(new URL(icon!, baseUrl).href)).status()).toBe(200);
  });

  it("met no Content-Security-Policy refusal and no missing favicon on the way", () => {
    expect(refusals).toEqual([]);
  });
});
