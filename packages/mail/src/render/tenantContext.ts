import type { Tenant } from "../Tenant.js";
import { brandColors, type BrandColors } from "./brandColors.js";
import { isHttpUrl } from "./isHttpUrl.js";
import { singleLine } from "./singleLine.js";

interface TenantFields {
  name: string;
  phone: string;
  /** The phone number as a `tel:` link wants it: digits and a leading +. */
  phoneHref: string;
  email: string;
  publicUrl: string;
}

export interface TenantContext {
  html: { tenant: TenantFields; brand: BrandColors };
  text: { tenant: TenantFields };
}

// A tenant is configuration, fixed for the life of the process: checking it once per object is enough.
const cache = new WeakMap<Tenant, TenantContext>();

/** What the layouts need to know about the tenant, checked and derived once per tenant object. */
export function tenantContext(tenant: Tenant): TenantContext {
  const cached = cache.get(tenant);
  if (cached) return cached;
  if (!isHttpUrl(tenant.publicUrl)) throw new Error(`tenant.publicUrl must be an http(s) URL, got ${JSON.stringify(tenant.publicUrl)}`);
  const fields: TenantFields = {
    name: tenant.name,
    phone: tenant.phone,
    phoneHref: tenant.phone.replace(/[^\d+]/g, ""),
    email: tenant.email,
    publicUrl: tenant.publicUrl,
  };
  const context: TenantContext = {
    html: { tenant: fields, brand: brandColors(tenant.primaryColor) },
    text: { tenant: Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, singleLine(value)])) as unknown as TenantFields },
  };
  cache.set(tenant, context);
  return context;
}
