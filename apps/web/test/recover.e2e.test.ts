import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { fr } from "@guichet/schema";
import { checkPage, desktop, ensureBuilt, hasChromium, launchChromium, recordRefusals, startServer, type RunningServer, freePort } from "./harness";

let server: RunningServer;
let browser: Browser;
let page: Page;
let refusals: string[] = [];

const ADDRESS = "helene.perdu@example.fr";

/** A sign-up begun on a device since lost: answered over the API up to AUTHENTIFICATION, its token thrown away. */
async function lostDraft(base: string) {
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
    { civilite: "Madame", nomUsuel: "PERDU", prenoms: "Hélène", dateNaissance: "02/03/1980", paysNaissance: "BE", communeNaissance: "Liège" },
    { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", codeInsee: "11049", pays: "FR" },
    { courriel: ADDRESS, moyenPrefere: "courriel" },
  ])
    view = await call("flow.send", { token: view.token, version: view.version, move: { type: "NEXT", values } });
  expect(view.step).toBe("credentials");
}

describe.skipIf(!hasChromium)("Retrouver mon inscription in a browser", () => {
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

  it("sends the lost draft's link to the address typed on /reprendre, and the link opens the draft at its step", async () => {
    await lostDraft(server.url);
    await page.goto(`${server.url}/reprendre`);
    const email = page.getByLabel("Votre courriel");
    await email.fill("helene.perdu@example");
    await page.getByRole("button", { name: "Recevoir un lien par courriel" }).click();
    await expect.poll(() => page.locator(".field__error").textContent()).toContain(fr.contacts.courrielFormat);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("f-recover-email");
    await email.fill(ADDRESS);
    await page.getByRole("button", { name: "Recevoir un lien par courriel" }).click();
    await expect
      .poll(() => page.getByRole("status").allTextContents())
      .toContainEqual(expect.stringContaining("Si une inscription en cours a été commencée avec cette adresse"));
    await checkPage(page, "retrouver-inscription");

    await page.goto(`${server.url}/dev/mail`);
    const mail = page.getByRole("link", { name: "Retrouver votre inscription" }).first();
    await expect
      .poll(
        async () => {
          await page.reload();
          return mail.count();
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    await mail.click();
    const text = (await page.locator("pre").textContent()) ?? "";
    const link = text.match(/http:\/\/\S+\/reprendre#jeton=[\w-]+/)?.[0];
    expect(link, text).toBeTruthy();

    await page.goto(link!);
    await expect.poll(() => page.locator("h1").textContent(), { timeout: 15_000 }).toBe("AUTHENTIFICATION");
    expect(new URL(page.url()).pathname).toBe("/inscription");
    expect(new URL(page.url()).hash).toBe("");
  });

  it("met no Content-Security-Policy refusal on the way", () => {
    expect(refusals).toEqual([]);
  });
});
