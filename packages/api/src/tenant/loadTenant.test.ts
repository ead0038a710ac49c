import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ccplm } from "./ccplm";
import { loadTenant, requiredTenantKeys, TenantError } from "./loadTenant";

const dir = mkdtempSync(join(tmpdir(), "guichet-tenant-"));
let files = 0;
function tenantFile(content: unknown): string {
  const file = join(dir, `tenant-${++files}.json`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

/** A second collectivité that says everything it must of itself, and nothing else. */
const own = {
  id: "ccmontagne",
  name: "Communauté de communes de la Montagne",
  shortName: "CCM",
  phone: "04 00 00 00 00",
  email: "accueil@ccmontagne.fr",
  cgu: "CONDITIONS GÉNÉRALES D’UTILISATION de la CCM",
  dataNotice: "Vos données sont traitées par la CCM [en savoir plus].",
  dataPolicy: "La Communauté de communes de la Montagne est responsable du traitement.",
};

function refusal(setting: string): string {
  try {
    loadTenant(setting);
  } catch (error) {
    expect(error).toBeInstanceOf(TenantError);
    return (error as Error).message;
  }
  throw new Error("the tenant file should have been refused");
}

describe("the tenant file (TENANT)", () => {
  it("is CCPLM when unset or « ccplm »", () => {
    expect(loadTenant(undefined)).toBe(ccplm);
    expect(loadTenant("CCPLM")).toBe(ccplm);
  });

  it("refuses a file without its own RGPD notice, naming the file and the key, in French: it would serve CCPLM's, naming CCPLM as controller", () => {
    const { dataPolicy: _left, ...withoutPolicy } = own;
    const file = tenantFile(withoutPolicy);
    const message = refusal(file);
    expect(message).toContain(`« ${file} »`);
    expect(message).toContain("« dataPolicy »");
    expect(message).toMatch(/mentions d’information \(RGPD\)/);
  });

  it.each(Object.keys(requiredTenantKeys))("refuses a file without « %s », or with it empty", (key) => {
    const without = tenantFile({ ...own, [key]: undefined });
    expect(refusal(without)).toContain(`« ${key} »`);
    expect(refusal(tenantFile({ ...own, [key]: "  " }))).toContain(`« ${key} »`);
  });

  it("requires at least its name, contacts and legal texts", () => {
    expect(Object.keys(requiredTenantKeys).sort()).toEqual(["cgu", "dataNotice", "dataPolicy", "email", "id", "name", "phone", "shortName"]);
  });

  it("takes nothing of CCPLM's own for what it leaves out: no CCPLM news, services, territory or démarches", () => {
    const tenant = loadTenant(tenantFile(own));
    expect(tenant).toMatchObject(own);
    expect(tenant.news).toEqual([]);
    expect(tenant.services).toEqual([]);
    expect(tenant.epci).toBeUndefined();
    expect(tenant.demarches).toBeUndefined();
    expect(JSON.stringify(tenant)).not.toMatch(/CCPLM|Piège|ccplm\.fr/);
  });

  it("defaults what suits any tenant, key by key: colour, flows' lifetime, password policy, kiosk timings", () => {
    const tenant = loadTenant(tenantFile({ ...own, kiosk: { idleMs: 60_000 }, passwordPolicy: { cnil2022: true } }));
    expect(tenant.kiosk).toEqual({ ...ccplm.kiosk, idleMs: 60_000 });
    expect(tenant.passwordPolicy).toEqual({ ...ccplm.passwordPolicy, cnil2022: true });
    expect(tenant.primaryColor).toBe(ccplm.primaryColor);
    expect(tenant.flowTtlDays).toBe(ccplm.flowTtlDays);
  });

  it("keeps the keys it does not know, for the settings a later release reads", () => {
    expect((loadTenant(tenantFile({ ...own, laterSetting: ["a", "b"] })) as unknown as { laterSetting: string[] }).laterSetting).toEqual(["a", "b"]);
  });

  it("refuses name scripts it does not know, naming them, rather than falling back to Latin", () => {
    expect(loadTenant(tenantFile({ ...own, nameScripts: ["Latin", "Greek"] })).nameScripts).toEqual(["Latin", "Greek"]);
    expect(refusal(tenantFile({ ...own, nameScripts: ["Latin", "Grek"] }))).toMatch(/nameScripts : « Grek » n’est pas une écriture connue/);
    expect(refusal(tenantFile({ ...own, nameScripts: [] }))).toMatch(/nameScripts doit être une liste non vide/);
    expect(refusal(tenantFile({ ...own, nameScripts: "Latin" }))).toMatch(/n’est pas une écriture connue/);
  });

  it("says in French when the file cannot be read, is not JSON, or is not an object", () => {
    expect(refusal(join(dir, "absent.json"))).toMatch(/ne peut pas être lu/);
    expect(refusal(tenantFile("{ name: "))).toMatch(/n’est pas du JSON valable/);
    expect(refusal(tenantFile([own]))).toMatch(/doit contenir un objet JSON/);
  });
});
