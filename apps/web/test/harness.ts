import { spawn, execSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { axeFindings, markupFindings, titleFindings } from "./markup";

export { recordRefusals } from "./markup";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
export const web = fileURLToPath(new URL("..", import.meta.url));
export const shots = join(web, "test-results");
export const desktop = { width: 1280, height: 900 };
export const phone = { width: 375, height: 812 };

if (!hasChromium) console.warn(`\n!!! SKIPPED: the browser tests need ${CHROMIUM} (apt-get install -y chromium) !!!\n`);

/** vite build has run (the test task depends on build); build now if dist is missing. */
export function ensureBuilt() {
  if (!existsSync(join(web, "dist", "index.html"))) execSync("npx vite build", { cwd: web, stdio: "inherit" });
  mkdirSync(shots, { recursive: true });
}

export interface RunningServer {
  readonly url: string;
  stop(): void;
}

/** The real server as a child process, on a free port, with a fresh SQLite file. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "guichet-web-e2e-"));
  const child: ChildProcess = spawn("npx", ["tsx", "../server/src/main.ts"], {
    cwd: web,
    detached: true,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: join(dataDir, "e2e.sqlite"),
      MAIL_DIR: join(dataDir, "mail"),
      GUICHET_LOG: "off",
      NODE_ENV: "test",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /écoute sur http:\/\/\S*:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  }).catch((e: unknown) => {
    stop();
    throw e;
  });
  return { url, stop };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/**
 * axe, html-validate and the title's length on the page as it stands, at desktop and phone widths, with a
 * full-page screenshot of each. Soft: one run lists every finding of the journey.
 */
export async function checkPage(page: Page, name: string) {
  const findings = async () => [...(await axeFindings(page)), ...(await markupFindings(page)), ...(await titleFindings(page))];
  expect.soft(await findings(), `axe and html-validate on ${name}`).toEqual([]);
  await page.screenshot({ path: join(shots, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(phone);
  try {
    expect.soft(await findings(), `axe and html-validate on ${name} at 375 px`).toEqual([]);
    await page.screenshot({ path: join(shots, `${name}-375.png`), fullPage: true });
  } finally {
    await page.setViewportSize(desktop);
  }
}

/** A free port chosen first, so PUBLIC_URL (the links in e-mails) names the server under test. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** The text version of the newest e-mail with this subject, read on /dev/mail as a developer would. */
export async function devMailText(page: Page, baseUrl: string, subject: string) {
  await page.goto(`${baseUrl}/dev/mail`);
  const link = page.getByRole("link", { name: subject }).first();
  await expect
    .poll(
      async () => {
        await page.reload();
        return link.count();
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  await link.click();
  return (await page.locator("pre").textContent()) ?? "";
}

/** Who signs up in `signUpOverApi`: the suites that look at Mon espace, not at the sign-up. */
export interface Citizen {
  readonly nomUsuel: string;
  readonly prenoms: string;
  readonly courriel: string;
  readonly username: string;
  readonly password: string;
}

/** A whole sign-up over tRPC, as the web app sends it (the security check off), then its activation by the e-mailed link. */
export async function signUpAndActivate(page: Page, baseUrl: string, who: Citizen) {
  type View = { token: string; version: number; step: string; errors: Record<string, string> };
  const call = async (path: string, input: unknown): Promise<View> => {
    const res = await fetch(`${baseUrl}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
    const body = (await res.json()) as { result?: { data: View }; error?: unknown };
    if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
    return body.result.data;
  };
  let view = await call("flow.start", {});
  const send = async (move: unknown) => (view = await call("flow.send", { token: view.token, version: view.version, move }));
  await send({ type: "START" });
  for (const values of [
    { accepted: true },
    {
      civilite: "Madame",
      nomUsuel: who.nomUsuel,
      prenoms: who.prenoms,
      dateNaissance: "02/03/1980",
      paysNaissance: "FR",
      departementNaissance: "95",
      communeNaissance: "95500",
    },
    { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", codeInsee: "11049", pays: "FR" },
    { courriel: who.courriel, moyenPrefere: "courriel" },
    { username: who.username, password: who.password, confirmation: who.password },
    { keys: {} },
    undefined,
    { challengeId: "off", text: "off" },
  ]) {
    await send({ type: "NEXT", ...(values ? { values } : {}) });
    expect(view.errors, view.step).toEqual({});
  }
  expect(view.step).toBe("done");
  const text = await devMailText(page, baseUrl, "Confirmation de création de votre espace citoyen");
  await page.goto(`${baseUrl}${text.match(/\/activation#jeton=[\w-]+/)![0]}`);
  await expect
    .poll(() => page.getByRole("status").allTextContents(), { timeout: 20_000 })
    .toContain("Votre espace citoyen est activé. Vous pouvez maintenant vous connecter.");
}

/** The page scrolls sideways by this many CSS pixels (0: it fits its viewport, WCAG 1.4.10). */
export const sidewaysScroll = (page: Page) => page.evaluate(() => Math.max(0, document.scrollingElement!.scrollWidth - window.innerWidth));
