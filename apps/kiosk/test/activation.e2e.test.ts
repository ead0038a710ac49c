import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { devMailText } from "../../web/test/harness";
import { check, ensureBuilt, hasChromium, launch, portrait, recordRefusals, signedUp, smallTargets, startServer, tapKeys, type RunningServer } from "./browser";

if (!hasChromium) console.warn("\n!!! SKIPPED: the kiosk browser tests need /usr/bin/chromium (apt-get install -y chromium) !!!\n");

/*
 * The activation e-mail says its code can be typed « sur une borne d'accueil », and the kiosk's end of sign-up
 * says to type it: the kiosk's home leads there, and its on-screen keyboard types it, by touch, in portrait.
 */
describe.skipIf(!hasChromium)("« Activer mon espace » at the kiosk", () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const refusals: string[][] = [];

  beforeAll(async () => {
    ensureBuilt();
    server = await startServer({ idleMs: 90_000, warningMs: 30_000, handoffMs: 60_000 });
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    server?.stop();
  });

  async function device(touch: boolean): Promise<Page> {
    const context = await browser.newContext({ viewport: portrait, locale: "fr-FR", hasTouch: touch });
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    refusals.push(recordRefusals(page));
    return page;
  }

  it("activates an espace with the e-mail's code typed by touch on the kiosk's keyboard, at 1080×1920", async () => {
    const { username } = await signedUp(server.url);
    const mailbox = await device(false);
    const mail = await devMailText(mailbox, server.url, "Confirmation de création de votre espace citoyen");
    expect(mail).toContain("borne d’accueil");
    const code = /^\s*(\d{6})\s*$/m.exec(mail)?.[1];
    expect(code, "the e-mail's 6-digit code").toMatch(/^\d{6}$/);

    const kiosk = await device(true);
    await kiosk.goto(`${server.url}/borne/`);
    await kiosk.getByRole("button", { name: "Activer mon espace" }).tap();
    await kiosk.getByRole("heading", { name: "Activer mon espace", level: 1 }).waitFor();
    await expect.poll(() => kiosk.title()).toBe("Activer mon espace – Borne CCPLM");
    const identifier = kiosk.getByLabel("Nom d’utilisateur ou courriel");
    const codeField = kiosk.getByLabel("Code d’activation");
    // The first field has the focus, and the keyboard is up under it.
    await expect.poll(() => identifier.evaluate((el) => el === document.activeElement)).toBe(true);
    await check(kiosk, "activation");
    expect(await smallTargets(kiosk)).toEqual([]);

    await tapKeys(kiosk, username, { touch: true });
    await codeField.tap();
    // A numeric field opens the keyboard on its digits.
    await expect(kiosk.getByRole("group", { name: "Clavier à l’écran" }).getByRole("button", { name: "abc — lettres", exact: true }).count()).resolves.toBe(1);
    const wrong = code === "000000" ? "111111" : "000000";
    await tapKeys(kiosk, wrong, { touch: true });
    await kiosk.getByRole("button", { name: "Activer mon espace" }).tap();
    await expect.poll(() => kiosk.locator("#f-activation-code-error").textContent()).toContain("n’est pas valide");
    await expect.poll(() => kiosk.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    await check(kiosk, "activation-erreur");

    await codeField.tap();
    for (let i = 0; i < wrong.length; i++) await kiosk.getByRole("button", { name: "Effacer", exact: true }).tap();
    await tapKeys(kiosk, code!, { touch: true });
    await expect(identifier.inputValue()).resolves.toBe(username);
    await expect(codeField.inputValue()).resolves.toBe(code);
    await kiosk.getByRole("button", { name: "Activer mon espace" }).tap();
    await expect
      .poll(() => kiosk.getByRole("status").filter({ hasText: "activé" }).textContent())
      .toBe("Votre espace citoyen est activé. Vous pouvez maintenant vous connecter.");
    await check(kiosk, "activation-faite");

    // The espace is active: its username and password now open it on the web.
    const login = await fetch(`${server.url}/trpc/account.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: "Lauragais2026" }),
    });
    expect(((await login.json()) as { result?: { data?: { ok?: boolean } } }).result?.data?.ok).toBe(true);

    // Nothing of it stays for the next person.
    await kiosk.getByRole("button", { name: "Terminer" }).tap();
    await kiosk.getByRole("button", { name: "Créer mon espace" }).waitFor();
    await expect(kiosk.content()).resolves.not.toContain(username);
  });

  it("met no Content-Security-Policy refusal", () => {
    expect(refusals.flat()).toEqual([]);
  });
});
