import { photoRepository, type Database } from "@guichet/db";
import { communeByCode, departements } from "@guichet/refdata";
import { FRANCE, fr, type FieldErrors, type Identity } from "@guichet/schema";

/** Born in France: the département and commune must be real and agree; the photo must be this flow's. */
export function identityProblems(db: Database) {
  const known = new Set(departements().map((d) => d.code));
  return async (flowId: string, identity: Identity): Promise<FieldErrors> => {
    const errors: Record<string, string> = {};
    if ((identity.paysNaissance ?? FRANCE) === FRANCE) {
      const dep = identity.departementNaissance;
      if (dep && !known.has(dep)) errors.departementNaissance = fr.identity.departementUnknown;
      const commune = identity.communeNaissance ? communeByCode(identity.communeNaissance) : undefined;
      if (identity.communeNaissance && (!commune || (dep && commune.departement !== dep))) {
        errors.communeNaissance = fr.identity.communeUnknown;
      }
    }
    if (identity.photoId) {
      if (!(await photoRepository(db).exists(identity.photoId, flowId))) errors.photoId = "Cette photo est introuvable. Veuillez la choisir à nouveau.";
    }
    return errors;
  };
}
