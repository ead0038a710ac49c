import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { accountChangesText, fr } from "@guichet/schema";
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
let browser: Browser;
let page: Page;
let refusals: string[] = [];

const USERNAME = "paul.moulin";
const OLD_PASSWORD = "Lauragais2026";
const NEW_PASSWORD = "Malepere.Bram42";

/** An account signed up over the API (the sign-up has its own browser tests), then activated in the page. */
async function signedUp(base: string) {
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
    { civilite: "Monsieur", nomUsuel: "MOULIN", prenoms: "Paul", dateNaissance: "02/03/1980", paysNaissance: "FR" },
    { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", codeInsee: "11049", pays: "FR" },
    { courriel: "paul.moulin@example.fr", moyenPrefere: "courriel" },
    { username: USERNAME, password: OLD_PASSWORD, confirmation: OLD_PASSWORD },
    { keys: {} },
    undefined,
    { challengeId: "off", text: "off" },
  ])
    view = await call("flow.send", { token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });
  expect(view.step).toBe("done");
}

const devMail = (subject: string) => devMailText(page, server.url, subject);

const heading = () => page.locator("h1");
/** Two cores shared by the whole suite: a page may take a while to answer. */
const slow = { timeout: 20_000 };
const logIn = async (password: string) => {
  await page.getByLabel("Nom d’utilisateur").fill(USERNAME);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Connexion" }).click();
};

describe.skipIf(!hasChromium)("« Changer mon mot de passe » in a browser", () => {
  beforeAll(async () => {
    ensureBuilt();
    const port = await freePort();
    server = await startServer({ GUICHET_CAPTCHA: "off", PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: desktop, locale: "fr-FR" })).newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    refusals = recordRefusals(page);
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it("logs in to Mon espace with the password chosen at sign-up", async () => {
    await signedUp(server.url);
    const activation = (await devMail("Confirmation de création de votre espace citoyen")).match(/http:\/\/\S+\/activation#jeton=[\w-]+/)?.[0];
    await page.goto(activation!);
    await expect
      .poll(() => page.getByRole("status").allTextContents(), slow)
      .toContain("Votre espace citoyen est activé. Vous pouvez maintenant vous connecter.");
    await logIn(OLD_PASSWORD);
    await expect.poll(() => new URL(page.url()).pathname, slow).toBe("/mon-espace");
  });

  it("changes the password from Mon espace: the current one checked, the sign-up's rules, the review, the final page", async () => {
    await page.getByRole("link", { name: "Changer mon mot de passe" }).click();
    await expect.poll(() => heading().textContent(), slow).toBe(accountChangesText.steps.newPassword);
    await checkPage(page, "demarche-mot-de-passe-01");

    // A wrong current password is refused, and nothing typed in a password field comes back.
    await page.locator("#f-currentPassword").fill("PasLeBon1975");
    await page.locator("#f-password").fill(NEW_PASSWORD);
    await page.locator("#f-confirmation").fill(NEW_PASSWORD);
    // The checklist of the sign-up goes under the new password, not the current one.
    await expect.poll(() => page.locator(".checklist__item--met").count(), slow).toBe(5);
    await page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
    await expect
      .poll(() => page.locator(".field__error").allTextContents(), slow)
      .toContainEqual(expect.stringContaining(accountChangesText.currentPasswordWrong));
    await checkPage(page, "demarche-mot-de-passe-02-refus");

    await page.locator("#f-currentPassword").fill(OLD_PASSWORD);
    await page.locator("#f-password").fill(NEW_PASSWORD);
    await page.locator("#f-confirmation").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
    await expect.poll(() => heading().textContent(), slow).toBe(fr.steps.review);
    await checkPage(page, "demarche-mot-de-passe-03-recapitulatif");
    await page.getByRole("button", { name: fr.buttons.validate, exact: true }).click();
    await expect.poll(() => heading().textContent(), slow).toBe("MOT DE PASSE MODIFIÉ");
    await expect(page.locator("main").textContent()).resolves.toContain("Votre mot de passe a été modifié.");
    await checkPage(page, "demarche-mot-de-passe-04-fin");

    expect(await devMail("Votre démarche a été enregistrée")).toContain("Votre mot de passe a été modifié");
    // Four pages checked with axe and html-validate at two widths: slow on a shared machine.
  }, 180_000);

  it("keeps the device that changed it logged in; after logging out, only the new password opens the espace", async () => {
    await page.goto(`${server.url}/mon-espace`);
    await expect.poll(() => heading().textContent(), slow).toBe("MON ESPACE");
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Connexion" }).count(), slow).toBe(1);
    await logIn(OLD_PASSWORD);
    await expect.poll(() => page.getByRole("alert").textContent(), slow).toContain("Nom d’utilisateur ou mot de passe incorrect.");
    await logIn(NEW_PASSWORD);
    await expect.poll(() => new URL(page.url()).pathname, slow).toBe("/mon-espace");
    await expect.poll(() => heading().textContent(), slow).toBe("MON ESPACE");
    // No file missing, nothing the page's security policy refused.
    expect(refusals).toEqual([]);
  });
});
