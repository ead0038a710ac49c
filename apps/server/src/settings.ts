import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { resolve } from "node:path";
import {
  CAPTCHA_CHALLENGES_PER_ADDRESS_HOUR,
  defaultMailLimits,
  franceConnectSettingsFromEnv,
  FranceConnectSettingsError,
  type FranceConnectSettings,
  type MailLimits,
} from "@guichet/api";
import type { DkimKey } from "@guichet/mail";

/** Every setting of a Guichet process, from environment variables (README, "Configuration"). */
export interface Settings {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly databaseUrl: string | undefined;
  readonly smtpUrl: string | undefined;
  /** The From address of every e-mail (MAIL_FROM); without it, the tenant's contact address. */
  readonly mailFrom: string | undefined;
  /** Signs every e-mail when DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE are set. */
  readonly dkim: DkimKey | undefined;
  readonly mailDir: string;
  readonly tenant: string | undefined;
  readonly inspect: boolean;
  readonly captchaDisabled: boolean;
  /** Which security check: Guichet's own pictures, the State's CaptchEtat, or none (tests and demos). */
  readonly captcha: "pictures" | "captchetat" | "off";
  /** CaptchEtat's address and the tenant's PISTE credentials, with GUICHET_CAPTCHA=captchetat. */
  readonly captchEtat: { readonly url: string; readonly oauthUrl: string; readonly clientId: string; readonly clientSecret: string } | undefined;
  /** Challenges issued per client address and hour (GUICHET_CAPTCHA_PER_ADDRESS_HOUR). */
  readonly captchaChallengesPerAddressHour: number;
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
  /** Multiplies every per-address ceiling of the abuse limits (many devices behind one address, load tests). */
  readonly addressLimitFactor: number;
  /** Worker threads for the password-strength estimate (GUICHET_STRENGTH_THREADS), 1 by default; each holds some 45 MB while it works. */
  readonly strengthThreads: number;
  /** Run the outbox worker in this process (every process may: claims keep them apart). */
  readonly worker: boolean;
  /**
   * Signs proof-of-work challenges: every process must share it (GUICHET_POW_SECRET). Required in production;
   * elsewhere a random one per start, so challenges fetched from one process fail on another.
   */
  readonly powSecret: string;
  /** The e-mail budget of anonymous requests (GUICHET_MAIL_…). */
  readonly mailLimits: MailLimits;
  /** Prometheus metrics on this port (METRICS_PORT), never the public one; off when unset. */
  readonly metricsPort: number | undefined;
  /** The metrics port's interface (METRICS_HOST): this machine only by default. */
  readonly metricsHost: string;
  /** FranceConnect (FRANCECONNECT_*), on the web only; off when none of them is set. */
  readonly franceConnect: FranceConnectSettings | undefined;
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
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split("/");
    const valid =
      rest.length === 0 &&
      (PROXY_NAMES.has(entry) ||
        (isIP(address!) !== 0 &&
          (prefix === undefined || isIP(prefix) !== 0 || (/^\d+$/.test(prefix) && Number(prefix) <= (isIP(address!) === 4 ? 32 : 128)))));
    if (!valid) throw new SettingsError(`TRUST_PROXY: "${entry}" is neither a hop count, an IP address, a CIDR nor loopback/linklocal/uniquelocal`);
  }
  return entries;
}

/**
 * Relative paths are read from where the command was typed: `npm start` at the project's root keeps its
 * data in ./data there, although npm runs the server from its own workspace folder.
 */
const fromWhereTyped = (env: NodeJS.ProcessEnv, path: string) => resolve(env.INIT_CWD ?? process.cwd(), path);

/**
 * The database every command of a process opens (DATABASE_URL): the server and the operator commands alike, so
 * an import lands where `npm start` reads.
 */
export function readDatabaseUrl(env: NodeJS.ProcessEnv): string {
  if (!env.DATABASE_URL) return fromWhereTyped(env, "data/guichet.sqlite");
  if (/^[a-z]+:\/\//i.test(env.DATABASE_URL) || env.DATABASE_URL === ":memory:") return env.DATABASE_URL;
  return fromWhereTyped(env, env.DATABASE_URL.replace(/^(sqlite|file):/, ""));
}

/** The tenant file (TENANT), read from where the command was typed; the demo tenant when unset. */
export function readTenantPath(env: NodeJS.ProcessEnv): string | undefined {
  return !env.TENANT || env.TENANT.toLowerCase() === "ccplm" ? undefined : fromWhereTyped(env, env.TENANT);
}

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const production = env.NODE_ENV === "production";
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new SettingsError(`PORT must be a port number, not "${env.PORT}"`);
  const metricsPort = env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined;
  if (metricsPort !== undefined && (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65_535 || (metricsPort === port && port !== 0))) {
    throw new SettingsError(`METRICS_PORT must be a port number other than PORT, not "${env.METRICS_PORT}"`);
  }
  const captcha = readCaptcha(env.GUICHET_CAPTCHA);
  const captchaDisabled = captcha === "off";
  if (captchaDisabled && production) {
    throw new SettingsError("GUICHET_CAPTCHA=off is for tests and demos: it is refused when NODE_ENV=production");
  }
  const captchEtat = captcha === "captchetat" ? readCaptchEtat(env) : undefined;
  const captchaChallengesPerAddressHour = count(env, "GUICHET_CAPTCHA_PER_ADDRESS_HOUR", CAPTCHA_CHALLENGES_PER_ADDRESS_HOUR);
  const addressLimitFactor = Number(env.GUICHET_ADDRESS_LIMIT_FACTOR ?? 1);
  if (!Number.isFinite(addressLimitFactor) || addressLimitFactor < 1) {
    throw new SettingsError(`GUICHET_ADDRESS_LIMIT_FACTOR must be a number of at least 1, not "${env.GUICHET_ADDRESS_LIMIT_FACTOR}"`);
  }
  const inspect = env.GUICHET_INSPECT === "1";
  if (inspect && production) throw new SettingsError("GUICHET_INSPECT=1 sends flow events out: it is refused when NODE_ENV=production");
  const powSecret = env.GUICHET_POW_SECRET;
  if (powSecret !== undefined && powSecret.length < 32)
    throw new SettingsError("GUICHET_POW_SECRET must be at least 32 characters long (e.g. openssl rand -base64 32)");
  if (!powSecret && production) {
    throw new SettingsError("GUICHET_POW_SECRET is required when NODE_ENV=production: the same secret for every server process (e.g. openssl rand -base64 32)");
  }
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, "");
  if (production) refuseInsecureProduction(env, publicUrl);
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    publicUrl,
    databaseUrl: readDatabaseUrl(env),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: readMailFrom(env),
    dkim: readDkim(env),
    mailDir: fromWhereTyped(env, env.MAIL_DIR ?? "data/mail"),
    tenant: readTenantPath(env),
    inspect,
    captchaDisabled,
    captcha,
    captchEtat,
    captchaChallengesPerAddressHour,
    production,
    worker: env.GUICHET_WORKER !== "off",
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    devPagesOpen: env.GUICHET_DEV_PAGES === "open",
    addressLimitFactor,
    strengthThreads: count(env, "GUICHET_STRENGTH_THREADS", 1),
    log: env.GUICHET_LOG !== "off",
    powSecret: powSecret || randomBytes(32).toString("base64url"),
    mailLimits: {
      perRecipientHour: count(env, "GUICHET_MAIL_PER_RECIPIENT_HOUR", defaultMailLimits.perRecipientHour),
      perRecipientDay: count(env, "GUICHET_MAIL_PER_RECIPIENT_DAY", defaultMailLimits.perRecipientDay),
      perClientHour: count(env, "GUICHET_MAIL_PER_CLIENT_HOUR", defaultMailLimits.perClientHour),
      globalHour: count(env, "GUICHET_MAIL_GLOBAL_PER_HOUR", defaultMailLimits.globalHour),
    },
    metricsPort,
    metricsHost: env.METRICS_HOST ?? "127.0.0.1",
    franceConnect: readFranceConnect(env),
  };
}

/**
 * In production, e-mails that go to files instead of an SMTP server reach nobody, and links to a plain-http or
 * local address are useless or unsafe for citizens: the process refuses to start, unless the operator says
 * GUICHET_ALLOW_INSECURE=1 (a demo, a trial behind a private network). Said in French: an operator reads it.
 */
function refuseInsecureProduction(env: NodeJS.ProcessEnv, publicUrl: string): void {
  if (env.GUICHET_ALLOW_INSECURE === "1") return;
  const problems: Array<readonly [name: string, why: string]> = [
    ...(env.SMTP_URL
      ? []
      : [["SMTP_URL", "SMTP_URL n’est pas renseignée (sans elle, les courriels restent dans des fichiers et n’arrivent à personne)"] as const]),
    ...(/^https:\/\//i.test(publicUrl)
      ? []
      : [["PUBLIC_URL", `PUBLIC_URL vaut « ${publicUrl} » au lieu d’une adresse en https:// (les liens des courriels y mèneraient)`] as const]),
  ];
  if (problems.length === 0) return;
  throw new SettingsError(
    `en production (NODE_ENV=production), ${problems.map(([, why]) => why).join("\u00a0; ")}. Renseignez ${problems.map(([name]) => name).join(" et ")}, ` +
      "ou démarrez quand même, en connaissance de cause, avec GUICHET_ALLOW_INSECURE=1.",
  );
}

/** Half a FranceConnect configuration is an error at start, not a broken button later. */
function readFranceConnect(env: NodeJS.ProcessEnv): FranceConnectSettings | undefined {
  try {
    return franceConnectSettingsFromEnv(env);
  } catch (error) {
    if (error instanceof FranceConnectSettingsError) throw new SettingsError(error.message);
    throw error;
  }
}

/** A plain address: the display name is always the tenant's. */
function readMailFrom(env: NodeJS.ProcessEnv): string | undefined {
  const from = env.MAIL_FROM?.trim();
  if (!from) return undefined;
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(from))
    throw new SettingsError(`MAIL_FROM must be an e-mail address such as ne-pas-repondre@example.fr, not "${from}"`);
  return from;
}

function readDkim(env: NodeJS.ProcessEnv): DkimKey | undefined {
  const { DKIM_DOMAIN: domain, DKIM_SELECTOR: selector, DKIM_PRIVATE_KEY_FILE: file } = env;
  if (!domain && !selector && !file) return undefined;
  if (!domain || !selector || !file) throw new SettingsError("DKIM needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE together");
  let privateKey: string;
  try {
    privateKey = readFileSync(fromWhereTyped(env, file), "utf8");
  } catch (error) {
    throw new SettingsError(`DKIM_PRIVATE_KEY_FILE cannot be read: ${(error as Error).message}`);
  }
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKey)) throw new SettingsError("DKIM_PRIVATE_KEY_FILE must hold a private key in PEM");
  return { domain, selector, privateKey };
}

function readCaptcha(value: string | undefined): Settings["captcha"] {
  if (value === undefined || value === "" || value === "on" || value === "pictures") return "pictures";
  if (value === "off" || value === "captchetat") return value;
  throw new SettingsError(`GUICHET_CAPTCHA must be pictures (the default), captchetat or off, not "${value}"`);
}

function readCaptchEtat(env: NodeJS.ProcessEnv): NonNullable<Settings["captchEtat"]> {
  const missing = ["CAPTCHETAT_URL", "CAPTCHETAT_CLIENT_ID", "CAPTCHETAT_CLIENT_SECRET"].filter((name) => !env[name]);
  if (missing.length) throw new SettingsError(`GUICHET_CAPTCHA=captchetat needs ${missing.join(", ")}`);
  return {
    url: env.CAPTCHETAT_URL!,
    oauthUrl: env.CAPTCHETAT_OAUTH_URL || "https://oauth.piste.gouv.fr/api/oauth/token",
    clientId: env.CAPTCHETAT_CLIENT_ID!,
    clientSecret: env.CAPTCHETAT_CLIENT_SECRET!,
  };
}

/** A limit: a whole number of at least 1, or the default when unset. */
function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new SettingsError(`${name} must be a whole number of at least 1, not "${raw}"`);
  return n;
}
