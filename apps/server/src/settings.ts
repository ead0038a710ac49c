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
  /** Believe X-Forwarded-For (client addresses for throttles) only behind a reverse proxy that sets it. */
  readonly trustProxy: boolean;
  /** Multiplies every per-address ceiling of the abuse limits (many devices behind one address, load tests). */
  readonly addressLimitFactor: number;
  /** Run the outbox worker in this process (every process may: claims keep them apart). */
  readonly worker: boolean;
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
  const addressLimitFactor = Number(env.GUICHET_ADDRESS_LIMIT_FACTOR ?? 1);
  if (!Number.isFinite(addressLimitFactor) || addressLimitFactor < 1) {
    throw new SettingsError(`GUICHET_ADDRESS_LIMIT_FACTOR must be a number of at least 1, not "${env.GUICHET_ADDRESS_LIMIT_FACTOR}"`);
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
    trustProxy: env.TRUST_PROXY === "1",
    addressLimitFactor,
    log: env.GUICHET_LOG !== "off",
  };
}
