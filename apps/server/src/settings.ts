import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { defaultMailLimits, type MailLimits } from "@guichet/api";

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
  /** Believe X-Forwarded-For (client addresses for throttles) only behind a reverse proxy that sets it. */
  readonly trustProxy: boolean;
  /** Run the outbox worker in this process (every process may: claims keep them apart). */
  readonly worker: boolean;
  /**
   * Signs proof-of-work challenges: every process must share it (GUICHET_POW_SECRET). Required in production;
   * elsewhere a random one per start, so challenges fetched from one process fail on another.
   */
  readonly powSecret: string;
  /** The e-mail budget of anonymous requests (GUICHET_MAIL_…). */
  readonly mailLimits: MailLimits;
}

export class SettingsError extends Error {}

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
  const powSecret = env.GUICHET_POW_SECRET;
  if (powSecret !== undefined && powSecret.length < 32) throw new SettingsError("GUICHET_POW_SECRET must be at least 32 characters long (e.g. openssl rand -base64 32)");
  if (!powSecret && production) {
    throw new SettingsError("GUICHET_POW_SECRET is required when NODE_ENV=production: the same secret for every server process (e.g. openssl rand -base64 32)");
  }
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
    trustProxy: env.TRUST_PROXY === "1",
    log: env.GUICHET_LOG !== "off",
    powSecret: powSecret || randomBytes(32).toString("base64url"),
    mailLimits: {
      perRecipientHour: count(env, "GUICHET_MAIL_PER_RECIPIENT_HOUR", defaultMailLimits.perRecipientHour),
      perRecipientDay: count(env, "GUICHET_MAIL_PER_RECIPIENT_DAY", defaultMailLimits.perRecipientDay),
      perClientHour: count(env, "GUICHET_MAIL_PER_CLIENT_HOUR", defaultMailLimits.perClientHour),
      globalHour: count(env, "GUICHET_MAIL_GLOBAL_PER_HOUR", defaultMailLimits.globalHour),
    },
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
