import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { fr } from "@guichet/schema";
import { checkPage, desktop, ensureBuilt, hasChromium, launchChromium, startServer, type RunningServer, recordRefusals, devMailText } from "./harness";

let server: RunningServer;
let browser: Browser;
let page: Page;
let refusals: string[] = [];

const USERNAME = "anne.donnees";
const PASSWORD = "Lauragais2026";
const EMAIL = "anne.donnees@example.fr";

/** A tRPC call as the web app makes it, for the sign-up this journey does not look at. */
async function call<T>(path: string, input: unknown): Promise<T> {
  const res = await fetch(`${server.url}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
  const body = (await res.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

type View = { token: string; version: number; step: string; errors: Record<string, string> };

/** A whole sign-up over tRPC (the security check is off), then activation by the e-mail's link read on /dev/mail. */
async function signUpAndActivate() {
  let view = await call<View>("flow.start", {});
  const send = async (move: unknown) => (view = await call<View>("flow.send", { token: view.token, version: view.version, move }));
  await send({ type: "START" });
  const steps: Array<Record<string, unknown> | undefined> = [
    { accepted: true },
    {
      civilite: "Madame",
      nomUsuel: "DONNEES",
      nomNaissance: "",
      prenoms: "Anne",
      dateNaissance: "12/03/1980",
      paysNaissance: "FR",
      departementNaissance: "95",
      communeNaissance: "95500",
    },
    { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", codeInsee: "11049", pays: "FR" },
    { courriel: EMAIL, moyenPrefere: "courriel" },
    { username: USERNAME, password: PASSWORD, confirmation: PASSWORD },
    { keys: {} },
    undefined,
    { challengeId: "off", text: "off" },
  ];
  for (const values of steps) {
    await send({ type: "NEXT", ...(values ? { values } : {}) });
    expect(view.errors, view.step).toEqual({});
  }
  expect(view.step).toBe("done");
  const text = await devMail("Confirmation de création de votre espace citoyen");
  // PUBLIC_URL is not this server's port: the link's path and fragment, opened on it.
  await page.goto(`${server.url}${text.match(/\/activation#jeton=[\w-]+/)![0]}`);
  await expect
    .poll(() => page.getByRole("status").allTextContents(), { timeout: 20_000 })
    .toContain("Votre espace citoyen est activé. Vous pouvez maintenant vous connecter.");
}

const devMail = (subject: string) => devMailText(page, server.url, subject);

async function logIn() {
  await page.goto(server.url);
  await page.getByLabel("Nom d’utilisateur").fill(USERNAME);
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Connexion" }).click();
}

/** The file a link downloads, as the citizen would save it. */
async function download(name: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, "utf8") };
}

// Each page is checked by axe and html-validate at two widths: more than the default minute on a loaded machine.
describe.skipIf(!hasChromium)("Mes données, then Supprimer mon espace, in a browser", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    ensureBuilt();
    server = await startServer({ GUICHET_CAPTCHA: "off" });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: desktop, locale: "fr-FR", acceptDownloads: true });
    page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    refusals = recordRefusals(page);
  });

  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it("downloads everything held about the citizen from Mon espace, as a page that reads and prints and as JSON", async () => {
    await signUpAndActivate();
    await logIn();
    await expect.poll(() => page.locator("h1").textContent()).toBe("MON ESPACE");
    await expect.poll(() => page.getByRole("heading", { name: "MES DONNÉES" }).count()).toBe(1);
    await checkPage(page, "donnees-01-mon-espace");

    const html = await download("Télécharger mes données (page à lire ou imprimer)");
    expect(html.name).toMatch(/^mes-donnees-\d{4}-\d{2}-\d{2}\.html$/);
    expect(html.text).toContain(USERNAME);
    expect(html.text).toContain(EMAIL);
    const json = await download("Télécharger mes données (fichier JSON)");
    expect(json.name).toMatch(/^mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(json.text)).toMatchObject({ compte: { nomUtilisateur: USERNAME, courriel: EMAIL } });
    expect(json.text).not.toMatch(/argon2|hash|token|jeton/i);

    // The page as the citizen opens it: French, headings in order, axe-clean, at both widths.
    const reader = await page.context().newPage();
    await reader.setContent(html.text);
    await expect.poll(() => reader.locator("h1").textContent()).toBe("Mes données");
    await checkPage(reader, "donnees-02-page-mes-donnees");
    await reader.close();
  });

  it("deletes the espace from its menu: password, the box, the review, then home, and the login is refused", async () => {
    await page.goto(`${server.url}/mon-espace`);
    await page.getByRole("link", { name: "Supprimer mon espace" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("CONFIRMATION");
    // The démarche's name comes with the menu's own query, which may answer after the first page.
    await expect.poll(() => page.locator(".flow__title").textContent()).toBe("SUPPRIMER MON ESPACE");
    await expect(page.locator("main").textContent()).resolves.toContain("Cette action est définitive");
    await page.getByLabel("Mot de passe actuel").fill("PasLeBon2026");
    await page.getByLabel("Je comprends que mon espace et mes données seront supprimés").check();
    await page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
    await expect.poll(() => page.locator(".error-summary").textContent()).toContain(fr.deleteAccount.passwordWrong);
    await checkPage(page, "donnees-03-supprimer-erreur");
    await page.getByLabel("Mot de passe actuel").fill(PASSWORD);
    await page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("RÉCAPITULATIF");
    await checkPage(page, "donnees-04-supprimer-recapitulatif");
    // What cannot be undone is confirmed by a button that says it, not by VALIDER.
    await page.getByRole("button", { name: "Supprimer définitivement mon espace" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("ESPACE SUPPRIMÉ");
    await expect(page.locator("main").textContent()).resolves.toContain("Votre espace citoyen a été supprimé");
    await checkPage(page, "donnees-05-espace-supprime");

    await page.getByRole("link", { name: "Retour à l’accueil" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/");
    expect((await page.context().cookies()).find((c) => c.name === "guichet_session")).toBeUndefined();

    await logIn();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Nom d’utilisateur ou mot de passe incorrect.");
    expect(await devMail("Votre espace citoyen a été supprimé")).toContain("Votre espace citoyen a été supprimé à votre demande");
  });

  it("met no Content-Security-Policy refusal on the way", () => {
    expect(refusals).toEqual([]);
  });
});
