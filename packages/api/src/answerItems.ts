import { formatPhone, fr, type Address, type Contacts, type Identity } from "@guichet/schema";
import { readableStreetName } from "@guichet/refdata";
import type { PlaceNames } from "./placeNames";

export interface AnswerItem {
  readonly label: string;
  readonly value: string;
}

/** A line of an answer as people read it; nothing typed shows as a dash. */
export const answerItem = (label: string, value: string | undefined): AnswerItem => ({ label, value: value?.trim() ? value : "—" });

/**
 * IDENTITÉ, ADRESSE and MOYENS DE CONTACT as people read them (names for codes, phones as written in
 * France): the review before VALIDER and "Mon espace" afterwards show the same lines.
 */
export function answerItems(places: PlaceNames) {
  const i = fr.identity;
  const a = fr.address;
  const c = fr.contacts;
  const phone = (v: string | undefined) => (v ? formatPhone(v) : undefined);
  return {
    identity: (identity: Identity): AnswerItem[] => [
      answerItem(i.civilite, identity.civilite),
      answerItem(i.nomUsuel, identity.nomUsuel),
      answerItem(i.nomNaissance, identity.nomNaissance),
      answerItem(i.prenoms, identity.prenoms),
      answerItem(i.dateNaissance, identity.dateNaissance),
      answerItem(i.paysNaissance, places.country(identity.paysNaissance ?? "FR")),
      ...((identity.paysNaissance ?? "FR") === "FR"
        ? [answerItem(i.departementNaissance, places.departement(identity.departementNaissance))]
        : []),
      answerItem(i.communeNaissance, places.commune(identity.communeNaissance) ?? identity.communeNaissance),
    ],
    address: (address: Address): AnswerItem[] => [
      answerItem(a.numero, address.numero),
      // Stored as FANTOIR writes it, shown as people write it.
      answerItem(a.voie, readableStreetName(address.voie)),
      answerItem(a.batiment, address.batiment),
      answerItem(a.appartement, address.appartement),
      answerItem(a.complement, address.complement),
      answerItem(a.codePostal, address.codePostal),
      answerItem(a.ville, address.ville),
      answerItem(a.pays, places.country(address.pays ?? "FR")),
    ],
    contacts: (contacts: Contacts): AnswerItem[] => [
      answerItem(c.telephone, phone(contacts.telephone)),
      answerItem(c.mobile, phone(contacts.mobile)),
      answerItem(c.fax, phone(contacts.fax)),
      answerItem(c.courriel, contacts.courriel),
      answerItem(c.moyenPrefere, fr.contacts[contacts.moyenPrefere ?? "courriel"]),
    ],
  };
}
