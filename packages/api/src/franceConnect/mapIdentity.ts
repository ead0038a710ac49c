import { communeByHistoricalCode, countryByCode } from "@guichet/refdata";
import { FRANCE, identitySchema, validate, withNamesNormalised, type Identity } from "@guichet/schema";
import { inseeCountryToIso } from "./countries";
import { FranceConnectError, franceConnectMessages, type FranceConnectSentence } from "./errors";

/** FranceConnect's identité pivot, as its userinfo endpoint sends it. */
export interface FranceConnectClaims {
  sub?: unknown;
  given_name?: unknown;
  family_name?: unknown;
  preferred_username?: unknown;
  birthdate?: unknown;
  gender?: unknown;
  birthplace?: unknown;
  birthcountry?: unknown;
  email?: unknown;
}

/** IDENTITÉ's values from FranceConnect, photo aside, plus what the form cannot hold. */
export interface FranceConnectIdentity {
  values: Required<Pick<Identity, "civilite" | "nomUsuel" | "nomNaissance" | "prenoms" | "dateNaissance" | "paysNaissance">> &
    Pick<Identity, "departementNaissance" | "communeNaissance">;
  /** The birthplace as FranceConnect sent it, when it is not today's commune (merged since). */
  birthplaceAsSent?: { inseeCode: string; nom?: string };
  email?: string;
}

const text = (value: unknown): string => (typeof value === "string" ? value.trim() : "");

function refused(detail: string, message?: string, sentence: FranceConnectSentence = "claims"): never {
  throw new FranceConnectError("claims", detail, message, sentence);
}

/**
 * Maps FranceConnect's identité pivot onto IDENTITÉ. Pure: `today` (YYYY-MM-DD) bounds the birth
 * date as the form does. FranceConnect's `family_name` is the birth name; `preferred_username` the
 * name in use, empty when it is the birth name. Throws a {@link FranceConnectError} of failure
 * "claims", with a French message, when a claim is missing or cannot be mapped.
 */
export function identityFromFranceConnect(claims: FranceConnectClaims, today: string): FranceConnectIdentity {
  const missing = (["given_name", "family_name", "birthdate", "gender", "birthcountry"] as const).filter((k) => text(claims[k]) === "");
  if (missing.length > 0) refused(`claims missing: ${missing.join(", ")}`);

  const gender = text(claims.gender).toLowerCase();
  const civilite = gender === "female" ? "Madame" : gender === "male" ? "Monsieur" : refused(`gender not mapped: ${gender.slice(0, 20)}`);

  const birthdate = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text(claims.birthdate));
  if (!birthdate) refused("birthdate not in YYYY-MM-DD form");
  const dateNaissance = `${birthdate[3]}/${birthdate[2]}/${birthdate[1]}`;

  const countryCode = text(claims.birthcountry);
  const paysNaissance = inseeCountryToIso.get(countryCode);
  if (!paysNaissance || !countryByCode(paysNaissance)) {
    refused(
      `birthcountry not mapped: ${countryCode.slice(0, 10)}`,
      `Le pays de naissance transmis par FranceConnect (code INSEE ${countryCode.slice(0, 10)}) n’est pas encore reconnu par ce service. Saisissez votre identité ci-dessous.`,
      "country",
    );
  }

  const familyName = text(claims.family_name);
  // Names tidied as IDENTITÉ tidies what is typed (NFKC), then held to the same rule.
  const values: { -readonly [K in keyof FranceConnectIdentity["values"]]: FranceConnectIdentity["values"][K] } = withNamesNormalised({
    civilite,
    nomUsuel: text(claims.preferred_username) || familyName,
    nomNaissance: familyName,
    prenoms: text(claims.given_name),
    dateNaissance,
    paysNaissance,
  });
  let birthplaceAsSent: FranceConnectIdentity["birthplaceAsSent"];
  if (paysNaissance === FRANCE) {
    const inseeCode = text(claims.birthplace);
    if (inseeCode === "") refused("birthplace missing for a birth in France");
    const found = communeByHistoricalCode(inseeCode);
    if (!found) {
      refused(
        `birthplace not found: ${inseeCode.slice(0, 10)}`,
        `La commune de naissance transmise par FranceConnect (code INSEE ${inseeCode.slice(0, 10)}) est inconnue de ce service. Saisissez votre identité ci-dessous.`,
        "commune",
      );
    }
    values.departementNaissance = found.commune.departement;
    values.communeNaissance = found.commune.code;
    if (found.commune.code !== inseeCode.toUpperCase()) {
      birthplaceAsSent = found.nomHistorique === undefined ? { inseeCode } : { inseeCode, nom: found.nomHistorique };
    }
  }

  const checked = validate(identitySchema(today), values);
  if (!checked.ok) refused(`identity refused by IDENTITÉ's rules: ${Object.keys(checked.errors).join(", ")}`, franceConnectMessages.claims);

  const email = text(claims.email);
  return { values, ...(birthplaceAsSent ? { birthplaceAsSent } : {}), ...(email ? { email } : {}) };
}

/** Reads the communes' reference data (tens of MB, seconds on a loaded machine) now, so the first callback does not wait for it. */
export function loadFranceConnectReferences(): void {
  communeByHistoricalCode("74011");
}
