import { readFileSync } from "node:fs";
import { writingScripts } from "@guichet/schema";
import { ccplm } from "./ccplm";
import type { Tenant } from "./Tenant";

/** A tenant file that cannot serve: said in French at start, naming the file and what is wrong. */
export class TenantError extends Error {}

/**
 * What a tenant must say of itself, and what it means: taken from CCPLM, these would show another
 * collectivité's name, contacts or legal texts (an RGPD notice naming CCPLM as controller) under its own.
 */
export const requiredTenantKeys = {
  id: "son identifiant",
  name: "son nom",
  shortName: "son nom court",
  phone: "son téléphone",
  email: "son adresse électronique",
  cgu: "ses conditions générales d’utilisation",
  dataNotice: "sa notice DONNÉES PERSONNELLES",
  dataPolicy: "ses mentions d’information (RGPD), qui la nomment responsable du traitement",
} as const satisfies Partial<Record<keyof Tenant, string>>;

/**
 * What may be left out, and what it then is: settings whose CCPLM value suits any tenant, and lists that are
 * the tenant's own and so are empty, never CCPLM's, when absent. `epci` and `demarches` stay absent (off).
 */
const defaults: Pick<Tenant, "primaryColor" | "flowTtlDays" | "passwordPolicy" | "kiosk" | "news" | "services"> = {
  primaryColor: ccplm.primaryColor,
  flowTtlDays: ccplm.flowTtlDays,
  passwordPolicy: ccplm.passwordPolicy,
  kiosk: ccplm.kiosk,
  news: [],
  services: [],
};

/**
 * TENANT is empty (CCPLM), "ccplm", or the path of a JSON file of the Tenant shape. Every key of
 * `requiredTenantKeys` must be there, a text that is not empty; the others default as `defaults` says
 * (the password policy and the kiosk's timings key by key). Keys it does not know pass through as they are.
 */
export function loadTenant(setting: string | undefined): Tenant {
  if (!setting || setting.toLowerCase() === "ccplm") return ccplm;
  let text: string;
  try {
    text = readFileSync(setting, "utf8");
  } catch {
    throw new TenantError(`le fichier de la collectivité (TENANT) « ${setting} » ne peut pas être lu : vérifiez son chemin et ses droits.`);
  }
  let custom: unknown;
  try {
    custom = JSON.parse(text);
  } catch (error) {
    throw new TenantError(`le fichier de la collectivité (TENANT) « ${setting} » n’est pas du JSON valable (${(error as Error).message}).`);
  }
  if (typeof custom !== "object" || custom === null || Array.isArray(custom))
    throw new TenantError(`le fichier de la collectivité (TENANT) « ${setting} » doit contenir un objet JSON ({ … }).`);
  const given = custom as Record<string, unknown> & Partial<Tenant>;
  for (const [key, what] of Object.entries(requiredTenantKeys)) {
    const value = given[key];
    if (typeof value !== "string" || !value.trim())
      throw new TenantError(
        `le fichier de la collectivité (TENANT) « ${setting} » ne donne pas « ${key} » (${what}) : chaque collectivité doit l’indiquer elle-même, rien n’est repris d’une autre.`,
      );
  }
  if (given.nameScripts !== undefined) {
    const scripts: unknown = given.nameScripts;
    const unknown = Array.isArray(scripts) ? scripts.filter((s) => !(writingScripts as ReadonlyArray<unknown>).includes(s)) : [scripts];
    if (!Array.isArray(scripts) || scripts.length === 0 || unknown.length > 0)
      throw new TenantError(
        `le fichier de la collectivité (TENANT) « ${setting} » : nameScripts${unknown.length ? ` : ${unknown.map((s) => `« ${String(s)} »`).join(", ")} n’est pas une écriture connue` : " doit être une liste non vide"} (écritures possibles : ${writingScripts.join(", ")}).`,
      );
  }
  return {
    ...defaults,
    ...given,
    passwordPolicy: { ...defaults.passwordPolicy, ...given.passwordPolicy },
    kiosk: { ...defaults.kiosk, ...given.kiosk },
  } as Tenant;
}
