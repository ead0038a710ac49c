import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page, Request } from "playwright-core";
import { createGuichetClient } from "@guichet/client";
import { openDatabase } from "@guichet/db";
import { fr } from "@guichet/schema";
import { desktop, ensureBuilt, hasChromium, launchChromium, startServer, type RunningServer } from "./harness";

let server: RunningServer;
let databaseUrl = "";
let browser: Browser;
let page: Page;
const requests: Request[] = [];

const heading = () => page.locator("h1");
const next = () => page.getByRole("button", { name: fr.buttons.next, exact: true }).click();
const atStep = (title: string) => expect.poll(() => heading().textContent(), { timeout: 10_000 }).toBe(title);
/** The API calls the page made to `path`, with what they carried. */
const calls = (path: string) => requests.filter((r) => new URL(r.url()).pathname === `/trpc/${path}`);

/**
 * The index of the right picture, found as the server finds it (the challenge's record in the database holds the
 * hash of its answer): a test hook that does not depend on how the pictures are drawn.
 */
async function rightPicture(token: string): Promise<number> {
  const view = await createGuichetClient(server.url).flow.get.mutate({ token });
  const captcha = view.captcha as { readonly challengeId: string; readonly cells: ReadonlyArray<{ readonly key: string }> };
  const db = await openDatabase(databaseUrl);
  try {
    const rows = await db.execute<{ record: string }>("select record from captcha where id = ?", [captcha.challengeId]);
    const { answerHash } = JSON.parse(rows[0]!.record) as { answerHash: string };
    return captcha.cells.findIndex((c) => createHash("sha256").update(`${captcha.challengeId}\u0000${c.key}`).digest("hex") === answerHash);
  } finally {
    await db.close();
  }
}

describe.skipIf(!hasChromium)("signing up with the security check on (proof of work included)", () => {
  beforeAll(async () => {
    ensureBuilt();
    databaseUrl = join(mkdtempSync(join(tmpdir(), "guichet-pow-e2e-")), "e2e.sqlite");
    server = await startServer({ DATABASE_URL: databaseUrl });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: desktop, locale: "fr-FR" });
    page = await context.newPage();
    page.on("request", (r) => requests.push(r));
    page.on("pageerror", (e) => console.error("page error:", e.message));
  });

  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it("solves Créer mon espace's proof of work on the home page, before the click, with nothing shown", async () => {
    await page.goto(server.url);
    await expect.poll(() => calls("pow.challenge").length).toBeGreaterThanOrEqual(1);
    // Nothing about it on the page: no widget, no message, no extra step.
    await expect(page.locator("body").textContent()).resolves.not.toMatch(/ALTCHA|preuve de travail|proof/i);
    await page.getByRole("link", { name: "Créer mon espace" }).click();
    await atStep("BIENVENUE");
    const start = calls("flow.start").at(-1)!;
    expect(start.postData()).toMatch(/"pow":"[A-Za-z0-9+/=]{100,}"/);
  });

  it("goes through every step as today, then VALIDER with the right picture creates the espace", async () => {
    await page.getByRole("button", { name: fr.buttons.start }).click();
    await atStep("CGU");
    await page.getByLabel(fr.terms.accept).check();
    await next();
    await atStep("IDENTITÉ");
    await page.getByLabel(fr.identity.monsieur).check();
    await page.getByLabel(fr.identity.nomUsuel).fill("BOYET");
    await page.getByLabel(fr.identity.prenoms).fill("Marc");
    await page.getByLabel(fr.identity.dateNaissance).fill("01/05/1975");
    await next();
    await atStep("ADRESSE");
    await page.getByLabel(fr.address.numero).fill("15");
    await page.getByRole("combobox", { name: fr.address.voie }).pressSequentially("rue de la poste", { delay: 20 });
    const bram = page.getByRole("option", { name: /RUE DE LA POSTE.*Bram/i });
    await bram.first().waitFor();
    await bram.first().click();
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
    await next();
    await atStep("CONTRÔLE DE SÉCURITÉ");
    // VALIDER's proof of work was solved on the earlier steps, in a worker.
    expect(calls("pow.challenge").length).toBeGreaterThanOrEqual(2);

    const token = (await page.evaluate(() => localStorage.getItem("guichet.flow")))!;
    const right = await rightPicture(token);
    expect(right).toBeGreaterThanOrEqual(0);
    await page.locator(".captcha__cell").nth(right).click();
    const clicked = performance.now();
    await page.getByRole("button", { name: fr.buttons.validate }).click();
    await atStep(fr.done.title);
    console.log(`VALIDER to the final page, proof of work included: ${(performance.now() - clicked).toFixed(0)} ms`);
    await expect(page.getByText(fr.done.activate(72)).isVisible()).resolves.toBe(true);
    const validate = calls("flow.send").at(-1)!;
    expect(validate.postData()).toMatch(/"pow":"[A-Za-z0-9+/=]{100,}"/);
    // Self-hosted: the page spoke to no one else.
    expect(new Set(requests.map((r) => new URL(r.url()).origin))).toEqual(new Set([server.url]));
  });
});
