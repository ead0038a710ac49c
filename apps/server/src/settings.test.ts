import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSettings, SettingsError } from "./settings";

describe("mail settings", () => {
  it("takes MAIL_FROM as a plain address and refuses anything else", () => {
    expect(readSettings({ MAIL_FROM: " ne-pas-repondre@ccplm.fr " }).mailFrom).toBe("ne-pas-repondre@ccplm.fr");
    expect(readSettings({}).mailFrom).toBeUndefined();
    expect(() => readSettings({ MAIL_FROM: "CCPLM <x@ccplm.fr>" })).toThrow(SettingsError);
  });

  it("reads a DKIM key from its file, and wants the three DKIM settings together", () => {
    const dir = mkdtempSync(join(tmpdir(), "guichet-dkim-"));
    const file = join(dir, "dkim.pem");
    writeFileSync(file, generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }));

    const { dkim } = readSettings({ DKIM_DOMAIN: "ccplm.fr", DKIM_SELECTOR: "guichet", DKIM_PRIVATE_KEY_FILE: file });
    expect(dkim).toMatchObject({ domain: "ccplm.fr", selector: "guichet", privateKey: expect.stringContaining("BEGIN PRIVATE KEY") });
    expect(() => readSettings({ DKIM_DOMAIN: "ccplm.fr", DKIM_PRIVATE_KEY_FILE: file })).toThrow(/together/);
    expect(() => readSettings({ DKIM_DOMAIN: "ccplm.fr", DKIM_SELECTOR: "g", DKIM_PRIVATE_KEY_FILE: join(dir, "missing.pem") })).toThrow(/cannot be read/);
    writeFileSync(join(dir, "not-a-key.pem"), "hello");
    expect(() => readSettings({ DKIM_DOMAIN: "ccplm.fr", DKIM_SELECTOR: "g", DKIM_PRIVATE_KEY_FILE: join(dir, "not-a-key.pem") })).toThrow(/PEM/);
  });
});

describe("metrics settings", () => {
  it("serves no metrics unless METRICS_PORT is set, on this machine only by default, never on PORT", () => {
    expect(readSettings({}).metricsPort).toBeUndefined();
    expect(readSettings({ METRICS_PORT: "9464" })).toMatchObject({ metricsPort: 9464, metricsHost: "127.0.0.1" });
    expect(readSettings({ METRICS_PORT: "9464", METRICS_HOST: "10.0.0.5" }).metricsHost).toBe("10.0.0.5");
    expect(() => readSettings({ METRICS_PORT: "neuf" })).toThrow(SettingsError);
    expect(() => readSettings({ PORT: "3000", METRICS_PORT: "3000" })).toThrow(/other than PORT/);
  });
});

describe("password-strength threads", () => {
  it("runs one worker thread unless GUICHET_STRENGTH_THREADS asks for more, and refuses what is not a whole number", () => {
    expect(readSettings({}).strengthThreads).toBe(1);
    expect(readSettings({ GUICHET_STRENGTH_THREADS: "3" }).strengthThreads).toBe(3);
    expect(() => readSettings({ GUICHET_STRENGTH_THREADS: "0" })).toThrow(/GUICHET_STRENGTH_THREADS/);
    expect(() => readSettings({ GUICHET_STRENGTH_THREADS: "deux" })).toThrow(SettingsError);
  });
});

describe("production settings", () => {
  const production = { NODE_ENV: "production", GUICHET_POW_SECRET: "x".repeat(32) };

  it("refuses to start without SMTP_URL or with a PUBLIC_URL that is not https, naming the variables in French", () => {
    expect(() => readSettings(production)).toThrow(SettingsError);
    const both = (() => {
      try {
        readSettings(production);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(both).toBe(
      "en production (NODE_ENV=production), SMTP_URL n’est pas renseignée (sans elle, les courriels restent dans des fichiers et n’arrivent à personne)\u00a0; " +
        "PUBLIC_URL vaut « http://localhost:3000 » au lieu d’une adresse en https:// (les liens des courriels y mèneraient). " +
        "Renseignez SMTP_URL et PUBLIC_URL, ou démarrez quand même, en connaissance de cause, avec GUICHET_ALLOW_INSECURE=1.",
    );
    expect(() => readSettings({ ...production, SMTP_URL: "smtp://mail.example.fr:587" })).toThrow(
      /^en production .*PUBLIC_URL vaut « http:\/\/localhost:3000 ».*Renseignez PUBLIC_URL,/,
    );
    expect(() => readSettings({ ...production, PUBLIC_URL: "https://guichet.example.fr" })).toThrow(/SMTP_URL n’est pas renseignée.*Renseignez SMTP_URL,/);
    expect(() => readSettings({ ...production, SMTP_URL: "smtp://mail.example.fr:587", PUBLIC_URL: "http://guichet.example.fr" })).toThrow(/PUBLIC_URL vaut/);
  });

  it("starts with both, or when the operator says GUICHET_ALLOW_INSECURE=1; outside production nothing is asked", () => {
    expect(readSettings({ ...production, SMTP_URL: "smtp://mail.example.fr:587", PUBLIC_URL: "https://guichet.example.fr/" })).toMatchObject({
      production: true,
      publicUrl: "https://guichet.example.fr",
    });
    expect(readSettings({ ...production, GUICHET_ALLOW_INSECURE: "1" }).publicUrl).toBe("http://localhost:3000");
    expect(() => readSettings({ ...production, GUICHET_ALLOW_INSECURE: "yes" })).toThrow(SettingsError);
    expect(readSettings({}).production).toBe(false);
  });
});
