import { spawn, execSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { axeFindings, markupFindings, titleFindings } from "../../web/test/markup";

export { recordRefusals } from "../../web/test/markup";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
const kiosk = fileURLToPath(new URL("..", import.meta.url));
const web = fileURLToPath(new URL("../../web/", import.meta.url));
export const shots = join(kiosk, "test-results");

export const portrait = { width: 1080, height: 1920 };
export const landscape = { width: 1920, height: 1080 };
export const phone = { width: 375, height: 812 };

/** Both front ends, built when missing (CI builds them before the tests). */
export function ensureBuilt() {
  for (const app of [kiosk, web]) if (!existsSync(join(app, "dist", "index.html"))) execSync("npx vite build", { cwd: app, stdio: "inherit" });
}

export interface RunningServer {
  readonly url: string;
  stop(): void;
}

/** The real server on a free port, a fresh SQLite file, the security check off, the kiosk's timings shortened through a TENANT file. */
export async function startServer(
  kioskTimings: { idleMs: number; warningMs: number; handoffMs: number },
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "guichet-kiosk-e2e-"));
  const tenantFile = join(dir, "tenant.json");
  writeFileSync(tenantFile, JSON.stringify({ kiosk: kioskTimings }));
  const server: ChildProcess = spawn("npx", ["tsx", "../server/src/main.ts"], {
    cwd: kiosk,
    detached: true,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: join(dir, "e2e.sqlite"),
      MAIL_DIR: join(dir, "mail"),
      TENANT: tenantFile,
      GUICHET_CAPTCHA: "off",
      GUICHET_LOG: "off",
      NODE_ENV: "test",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /écoute sur http:\/\/\S*:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    server.stdout!.on("data", onData);
    server.stderr!.on("data", onData);
    server.on("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return {
    url,
    stop() {
      try {
        if (server.pid) process.kill(-server.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

let shot = 0;
/** axe, html-validate and the title's length on the page as it stands (no finding allowed, soft: one run lists them all), then a screenshot. */
export async function check(page: Page, name: string) {
  const findings = [...(await axeFindings(page)), ...(await markupFindings(page)), ...(await titleFindings(page))];
  expect.soft(findings, `axe and html-validate on ${name}`).toEqual([]);
  shot += 1;
  const size = page.viewportSize();
  await page.screenshot({ path: join(shots, `${String(shot).padStart(2, "0")}-${name}-${size?.width}x${size?.height}.png`) });
  // The seconds axe and html-validate take are the test's, not the citizen's: the kiosk counts them as presence
  // (over the idle warning, a touch is no answer, so this leaves the warning as it is).
  await page.evaluate(() => document.dispatchEvent(new Event("pointerdown")));
}

/** Every visible touch target of the kiosk's screen, at least 64 × 64 CSS pixels. */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("button, a[href], input:not([type=hidden]), select, textarea, [role=option]")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || el.closest(".visually-hidden")) return false;
        return r.width < 64 || r.height < 64;
      })
      .map((el) => `${el.outerHTML.slice(0, 100)} (${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)})`),
  );
}

const layerOf = (ch: string): "letters" | "accents" | "digits" | null => {
  if (" @.".includes(ch)) return null;
  const c = ch.toLocaleLowerCase("fr-FR");
  if ("azertyuiopqsdfghjklmwxcvbn'-".includes(c)) return "letters";
  if ("éèêëàâäùûüçôöîïœæÿñ".includes(c)) return "accents";
  return "digits";
};
const layerButton = { letters: "Lettres", accents: "Lettres accentuées", digits: "Chiffres et symboles" } as const;

/** Types on the kiosk's on-screen keyboard, key by key, as a finger would. */
export async function tapKeys(page: Page, text: string) {
  const keyboard = page.getByRole("group", { name: "Clavier à l’écran" });
  await keyboard.waitFor();
  for (const ch of text) {
    const layer = layerOf(ch);
    // The layer shown is the one whose switch is missing.
    if (layer && (await keyboard.getByRole("button", { name: layerButton[layer], exact: true }).count()) > 0)
      await keyboard.getByRole("button", { name: layerButton[layer], exact: true }).click();
    if (ch === " ") await keyboard.getByRole("button", { name: "Espace", exact: true }).click();
    else {
      const upper = ch !== ch.toLocaleLowerCase("fr-FR");
      if (upper) await keyboard.getByRole("button", { name: "Majuscule", exact: true }).click();
      await keyboard.getByRole("button", { name: ch, exact: true }).click();
    }
  }
}

/** A flow started and answered over the API (as another device would), up to `step`; returns its token and a resume code for it. */
export async function flowAtStep(base: string, step: "review" | "services" | "credentials"): Promise<{ token: string; code: string; link: string }> {
  type View = { token: string; version: number; step: string; errors?: unknown };
  const call = async <T = View>(path: string, input?: unknown): Promise<T> => {
    const res = await fetch(`${base}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input ?? null) });
    const body = (await res.json()) as { result?: { data: T }; error?: unknown };
    if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
    return body.result.data;
  };
  const username = `borne${Math.floor(Math.random() * 1e9)}`;
  const answers: Array<[string, unknown]> = [
    ["terms", { accepted: true }],
    ["identity", { civilite: "Monsieur", nomUsuel: "MARTIN", prenoms: "Paul", dateNaissance: "02/03/1980", paysNaissance: "BE", communeNaissance: "Liège" }],
    ["address", { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", codeInsee: "11049", pays: "FR" }],
    ["contacts", { courriel: "paul.martin@example.fr", moyenPrefere: "courriel" }],
    ["credentials", { username, password: "Lauragais2026", confirmation: "Lauragais2026" }],
    ["services", { keys: {} }],
  ];
  let view = await call("flow.start");
  view = await call("flow.send", { token: view.token, version: view.version, move: { type: "START" } });
  for (const [name, values] of answers) {
    if (view.step === step) break;
    view = await call("flow.send", { token: view.token, version: view.version, move: { type: "NEXT", values } });
    if (view.step === name) throw new Error(`${name} refused: ${JSON.stringify(view.errors)}`);
  }
  const offer = await call<{ code: string; link: string }>("resume.offer", { token: view.token });
  return { token: view.token, code: offer.code, link: offer.link };
}
