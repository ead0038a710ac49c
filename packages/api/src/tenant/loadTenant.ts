import { readFileSync } from "node:fs";
import { ccplm } from "./ccplm";
import type { Tenant } from "./Tenant";

/** TENANT is empty (CCPLM), "ccplm", or the path of a JSON file of the Tenant shape; missing keys take CCPLM's. */
export function loadTenant(setting: string | undefined): Tenant {
  if (!setting || setting.toLowerCase() === "ccplm") return ccplm;
  const custom = JSON.parse(readFileSync(setting, "utf8")) as Partial<Tenant>;
  return { ...ccplm, ...custom, passwordPolicy: { ...ccplm.passwordPolicy, ...custom.passwordPolicy }, kiosk: { ...ccplm.kiosk, ...custom.kiosk } };
}
