import type { Country } from "./country.js";
import { countries } from "./countries.js";

let byCode: ReadonlyMap<string, Country> | undefined;

/** The country of an ISO 3166-1 alpha-2 code, in any case; undefined when it is not listed. */
export function countryByCode(code: string): Country | undefined {
  byCode ??= new Map(countries().map((country) => [country.code, country]));
  return byCode.get(code.trim().toUpperCase());
}
