import { communeByExactName } from "@guichet/refdata";
import { FRANCE } from "@guichet/schema";

const INSEE = /^\d[\dAB]\d{3}$/;

/**
 * Born in France, a commune typed in full ("Pontoise") and never picked from the list is the one commune
 * of that exact name, case and accents aside: it is taken as chosen (its INSEE code, and its département).
 * Anything else is left for the identity checks to refuse.
 */
export function resolveBirthCommune(values: Record<string, unknown>): Record<string, unknown> {
  if ((values.paysNaissance ?? FRANCE) !== FRANCE) return values;
  const typed = values.communeNaissance;
  if (typeof typed !== "string" || typed.trim() === "" || INSEE.test(typed)) return values;
  const departement = typeof values.departementNaissance === "string" && values.departementNaissance !== "" ? values.departementNaissance : undefined;
  const commune = communeByExactName(typed, departement);
  return commune ? { ...values, communeNaissance: commune.code, departementNaissance: commune.departement } : values;
}
