import { spawn, execSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import { ccplm } from "../../../packages/api/src/tenant/ccplm";
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
  // A tenant file states the collectivité's own name, contacts and texts: CCPLM's, with the kiosk's timings.
  writeFileSync(tenantFile, JSON.stringify({ ...ccplm, kiosk: kioskTimings }));
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

/**
 * axe's `label-content-name-mismatch` (WCAG 2.5.3, an experimental rule axe runs only when asked): a control's
 * accessible name must contain its visible text, so that a voice user saying what they see reaches it.
 */
export async function nameMismatches(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withRules(["label-content-name-mismatch"]).analyze();
  expect(result.passes.length + result.violations.length + result.incomplete.length, "the rule ran on something").toBeGreaterThan(0);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.html}`));
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
const layerButton = { letters: "abc — lettres", accents: "éà — lettres accentuées", digits: "123 — chiffres et symboles" } as const;

/** Types on the kiosk's on-screen keyboard, key by key, as a finger would (`touch`: taps, on a touch screen). */
export async function tapKeys(page: Page, text: string, { touch = false } = {}) {
  const keyboard = page.getByRole("group", { name: "Clavier à l’écran" });
  await keyboard.waitFor();
  const press = (name: string) => {
    const key = keyboard.getByRole("button", { name, exact: true });
    return touch ? key.tap() : key.click();
  };
  for (const ch of text) {
    const layer = layerOf(ch);
    // The layer shown is the one whose switch is missing.
    if (layer && (await keyboard.getByRole("button", { name: layerButton[layer], exact: true }).count()) > 0) await press(layerButton[layer]);
    if (ch === " ") await press("Espace");
    else {
      const upper = ch !== ch.toLocaleLowerCase("fr-FR");
      if (upper) await press("Majuscule");
      await press(ch);
    }
  }
}

/** A flow started and answered over the API (as another device would), up to `step`; returns its token and a resume code for it. */
export async function flowAtStep(base: string, step: "review" | "services" | "credentials"): Promise<{ token: string; code: string; link: string }> {
  const { token, call } = await answeredUpTo(base, step);
  const offer = await call<{ code: string; link: string }>("resume.offer", { token });
  return { token, code: offer.code, link: offer.link };
}

/** A whole sign-up over the API, security check off: an espace that waits for its activation. */
export async function signedUp(base: string): Promise<{ username: string; email: string }> {
  const { username, email } = await answeredUpTo(base, "done");
  return { username, email };
}

async function answeredUpTo(base: string, step: "review" | "services" | "credentials" | "done") {
  type View = { token: string; version: number; step: string; errors?: unknown };
  const call = async <T = View>(path: string, input?: unknown): Promise<T> => {
    const res = await fetch(`${base}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input ?? null) });
    const body = (await res.json()) as { result?: { data: T }; error?: unknown };
    if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
    return body.result.data;
  };
  const username = `borne${Math.floor(Math.random() * 1e9)}`;
  const email = `${username}@example.fr`;
  const answers: Array<[string, unknown]> = [
    ["terms", { accepted: true }],
    ["identity", { civilite: "Monsieur", nomUsuel: "MARTIN", prenoms: "Paul", dateNaissance: "02/03/1980", paysNaissance: "BE", communeNaissance: "Liège" }],
    ["address", { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", codeInsee: "11049", pays: "FR" }],
    ["contacts", { courriel: email, moyenPrefere: "courriel" }],
    ["credentials", { username, password: "Lauragais2026", confirmation: "Lauragais2026" }],
    ["services", { keys: {} }],
    ["review", undefined],
    ["captcha", { challengeId: "off", text: "off" }],
  ];
  let view = await call("flow.start");
  view = await call("flow.send", { token: view.token, version: view.version, move: { type: "START" } });
  for (const [name, values] of answers) {
    if (view.step === step) break;
    view = await call("flow.send", { token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });
    if (view.step === name) throw new Error(`${name} refused: ${JSON.stringify(view.errors)}`);
  }
  if (view.step !== step) throw new Error(`stopped at ${view.step}, not ${step}`);
  return { token: view.token, username, email, call };
}
