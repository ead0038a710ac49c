import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { accountChangesText, fr } from "@guichet/schema";
import { ccplm } from "../../../packages/api/src/tenant/ccplm";
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
let tenantDir: string;

const USERNAME = "paul.moulin";
const PASSWORD = "Lauragais2026";
const OLD_ADDRESS = "paul.moulin@example.fr";
const NEW_ADDRESS = "paul.moulin@nouveau.example.fr";

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
    { courriel: OLD_ADDRESS, moyenPrefere: "courriel" },
    { username: USERNAME, password: PASSWORD, confirmation: PASSWORD },
    { keys: {} },
    undefined,
    { challengeId: "off", text: "off" },
  ])
    view = await call("flow.send", { token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });
  expect(view.step).toBe("done");
}

const devMail = (subject: string) => devMailText(page, server.url, subject);

const heading = () => page.locator("h1");
const main = () => page.locator("main");
/** Two cores shared by the whole suite: a page may take a while to answer. */
const slow = { timeout: 20_000 };
const atStep = (title: string) => expect.poll(() => heading().textContent(), slow).toBe(title);
const next = () => page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
const validate = () => page.getByRole("button", { name: fr.buttons.validate, exact: true }).click();
const toMySpace = async () => {
  await page.goto(`${server.url}/mon-espace`);
  await atStep("MON ESPACE");
};

describe.skipIf(!hasChromium)("« Changer mon adresse électronique » and « Modifier mon identité » in a browser", () => {
  beforeAll(async () => {
    ensureBuilt();
    // "Modifier mon identité" is offered only when the tenant allows it: first names here, as the server's tests do.
    tenantDir = mkdtempSync(join(tmpdir(), "guichet-web-tenant-"));
    const tenant = join(tenantDir, "tenant.json");
    writeFileSync(tenant, JSON.stringify({ ...ccplm, demarches: { identity: { allowed: true, fields: ["firstName"] } } }));
    const port = await freePort();
    server = await startServer({ GUICHET_CAPTCHA: "off", PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, TENANT: tenant });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: desktop, locale: "fr-FR" })).newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    refusals = recordRefusals(page);
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop();
    if (tenantDir) rmSync(tenantDir, { recursive: true, force: true });
  });

  it("logs in to Mon espace", async () => {
    await signedUp(server.url);
    const activation = (await devMail("Confirmation de création de votre espace citoyen")).match(/http:\/\/\S+\/activation#jeton=[\w-]+/)?.[0];
    await page.goto(activation!);
    await expect
      .poll(() => page.getByRole("status").allTextContents(), slow)
      .toContain("Votre espace citoyen est activé. Vous pouvez maintenant vous connecter.");
    await page.getByLabel("Nom d’utilisateur").fill(USERNAME);
    await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Connexion" }).click();
    await expect.poll(() => new URL(page.url()).pathname, slow).toBe("/mon-espace");
  });

  it("changes the e-mail address: current password, the new address twice, the review, then the link sent to the new address", async () => {
    await atStep("MON ESPACE");
    await page.getByRole("link", { name: "Changer mon adresse électronique" }).click();
    await atStep(accountChangesText.steps.newEmail);
    await checkPage(page, "demarche-courriel-01");

    await page.locator("#f-currentPassword").fill(PASSWORD);
    await page.locator("#f-courriel").fill(NEW_ADDRESS);
    await page.locator("#f-confirmation").fill(NEW_ADDRESS);
    await next();
    await atStep(fr.steps.review);
    await expect(main().textContent()).resolves.toContain(NEW_ADDRESS);
    await expect(main().textContent()).resolves.not.toContain(PASSWORD);
    await checkPage(page, "demarche-courriel-02-recapitulatif");
    await validate();
    await atStep("ADRESSE ÉLECTRONIQUE À CONFIRMER");
    // The new address, masked, as the server's tests read it.
    await expect(main().textContent()).resolves.toContain("Un lien de confirmation vient d’être envoyé à p••••@nouveau.example.fr.");
    await checkPage(page, "demarche-courriel-03-fin");

    // Until its link is opened, the account keeps its address, and Mon espace says the new one waits.
    await toMySpace();
    await expect.poll(() => main().textContent(), slow).toContain(`${NEW_ADDRESS} (en attente de confirmation)`);
    await expect(main().textContent()).resolves.toContain(OLD_ADDRESS);

    const text = await devMail("Confirmez votre nouvelle adresse électronique");
    await page.goto(text.match(/http:\/\/\S+\/confirmer-courriel#jeton=[\w-]+/)![0]);
    await expect
      .poll(() => page.getByRole("status").allTextContents(), slow)
      .toContain("Votre nouvelle adresse électronique est confirmée. Elle remplace l’ancienne dans votre espace.");
    await toMySpace();
    await expect.poll(() => main().textContent(), slow).toContain(NEW_ADDRESS);
    await expect(main().textContent()).resolves.not.toContain("en attente de confirmation");
    await expect(main().textContent()).resolves.not.toContain(OLD_ADDRESS);
    // Three pages checked with axe and html-validate at two widths: slow on a shared machine.
  }, 180_000);

  it("changes the first name through « Modifier mon identité », which the tenant allows", async () => {
    await expect.poll(() => main().textContent(), slow).toContain("Monsieur Paul MOULIN");
    await page.getByRole("link", { name: "Modifier mon identité" }).click();
    await atStep(accountChangesText.steps.identityChange);
    await expect(page.locator("#f-prenoms").inputValue()).resolves.toBe("Paul");
    await checkPage(page, "demarche-identite-01");
    await page.locator("#f-prenoms").fill("Jean");
    await next();
    await atStep(fr.steps.review);
    await validate();
    await atStep("IDENTITÉ MODIFIÉE");
    await checkPage(page, "demarche-identite-02-fin");

    await toMySpace();
    await expect.poll(() => main().textContent(), slow).toContain("Monsieur Jean MOULIN");
    await expect(main().textContent()).resolves.not.toContain("Paul MOULIN");
    // No file missing, nothing the page's security policy refused.
    expect(refusals).toEqual([]);
  }, 180_000);
});
