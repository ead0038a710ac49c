import type { Country } from "./country.js";
import { iso3166Alpha2 } from "./iso3166Alpha2.js";

/**
 * Overseas parts of France that ISO also codes as territories: a citizen born or living there
 * chooses FRANCE and the département (971…988), as INSEE's list of countries has it.
 */
const frenchOverseasCodes = new Set(["BL", "GF", "GP", "MF", "MQ", "NC", "PF", "PM", "RE", "TF", "WF", "YT"]);

let cached: readonly Country[] | undefined;

/** Every country in French collation order, FRANCE first since it is the forms' default. */
export function countries(): Country[] {
  cached ??= build();
  return [...cached];
}

function build(): readonly Country[] {
  const names = new Intl.DisplayNames("fr", { type: "region", fallback: "none" });
  const collator = new Intl.Collator("fr");
  const list: Country[] = [];
  for (const code of iso3166Alpha2) {
    const name = names.of(code);
    if (name === undefined || frenchOverseasCodes.has(code)) continue;
    list.push(Object.freeze({ code, name: name.toLocaleUpperCase("fr") }));
  }
  list.sort((a, b) => (a.code === "FR" ? -1 : b.code === "FR" ? 1 : collator.compare(a.name, b.name)));
  return Object.freeze(list);
}
