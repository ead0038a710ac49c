import { isIP } from "node:net";
import { resolve } from "node:path";

/** Every setting of a Guichet process, from environment variables (README, "Configuration"). */
export interface Settings {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly databaseUrl: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailDir: string;
  readonly tenant: string | undefined;
  readonly inspect: boolean;
  readonly captchaDisabled: boolean;
  readonly production: boolean;
  /** Request and mail lines in the log; GUICHET_LOG=off for quiet tests and benchmarks. */
  readonly log: boolean;
  /**
   * Which senders of X-Forwarded-For are believed (client addresses for throttles): `false`, a hop count, or the
   * proxies' addresses and CIDRs. The client is the right-most address not trusted, never a name it chose.
   */
  readonly trustProxy: TrustProxy;
  /** GUICHET_DEV_PAGES=open: the developer pages (/dev/*) answer every address, not only this machine's. */
  readonly devPagesOpen: boolean;
  /** Run the outbox worker in this process (every process may: claims keep them apart). */
  readonly worker: boolean;
}

export class SettingsError extends Error {}

/** Fastify's `trustProxy` forms, without `true` (which believes whatever the client writes). */
export type TrustProxy = false | number | string[];

/**
 * The form fastify takes. A hop count becomes "the first n senders, counting from the socket": this fastify
 * ignores a bare number (it trusts nobody then), and counting hops is what `TRUST_PROXY=1` has always meant.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== "number") return trust;
  return trust === 0 ? false : (_address, hop) => hop < trust;
}

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** `TRUST_PROXY`: off, a hop count (`1`: one proxy in front), or a comma-separated list of proxy addresses or CIDRs. */
export function readTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? "").trim();
  if (text === "" || text === "0" || text === "off" || text === "false") return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === "true") {
    throw new SettingsError("TRUST_PROXY=true would believe any X-Forwarded-For a client writes: give the number of proxies in front (1) or their addresses");
  }
  const entries = text.split(",").map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split("/");
    const valid =
      rest.length === 0 &&
      (PROXY_NAMES.has(entry) ||
        (isIP(address!) !== 0 && (prefix === undefined || isIP(prefix) !== 0 || (/^\d+$/.test(prefix) && Number(prefix) <= (isIP(address!) === 4 ? 32 : 128)))));
    if (!valid) throw new SettingsError(`TRUST_PROXY: "${entry}" is neither a hop count, an IP address, a CIDR nor loopback/linklocal/uniquelocal`);
  }
  return entries;
}

/**
 * Relative paths are read from where the command was typed: `npm start` at the project's root keeps its
 * data in ./data there, although npm runs the server from its own workspace folder.
 */
const fromWhereTyped = (env: NodeJS.ProcessEnv, path: string) => resolve(env.INIT_CWD ?? process.cwd(), path);

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const production = env.NODE_ENV === "production";
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new SettingsError(`PORT must be a port number, not "${env.PORT}"`);
  const captchaDisabled = env.GUICHET_CAPTCHA === "off";
  if (captchaDisabled && production) {
    throw new SettingsError("GUICHET_CAPTCHA=off is for tests and demos: it is refused when NODE_ENV=production");
  }
  const inspect = env.GUICHET_INSPECT === "1";
  if (inspect && production) throw new SettingsError("GUICHET_INSPECT=1 sends flow events out: it is refused when NODE_ENV=production");
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
    databaseUrl: !env.DATABASE_URL
      ? fromWhereTyped(env, "data/guichet.sqlite")
      : /^[a-z]+:\/\//i.test(env.DATABASE_URL) || env.DATABASE_URL === ":memory:"
        ? env.DATABASE_URL
        : fromWhereTyped(env, env.DATABASE_URL.replace(/^(sqlite|file):/, "")),
    smtpUrl: env.SMTP_URL || undefined,
    mailDir: fromWhereTyped(env, env.MAIL_DIR ?? "data/mail"),
    tenant: !env.TENANT || env.TENANT.toLowerCase() === "ccplm" ? undefined : fromWhereTyped(env, env.TENANT),
    inspect,
    captchaDisabled,
    production,
    worker: env.GUICHET_WORKER !== "off",
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    devPagesOpen: env.GUICHET_DEV_PAGES === "open",
    log: env.GUICHET_LOG !== "off",
  };
}
