import { parsePhoneNumberFromString } from "libphonenumber-js/min";

/** A French number by default, any country with +xx; returns E.164 or undefined when not a real number. */
export function normalizePhone(value: string): string | undefined {
  const parsed = parsePhoneNumberFromString(value.trim(), "FR");
  return parsed?.isValid() ? parsed.number : undefined;
}

/** E.164 → how a French reader writes it: "04 68 76 69 40", or international format abroad. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164, "FR");
  if (!parsed) return e164;
  return parsed.country === "FR" ? parsed.formatNational() : parsed.formatInternational();
}
