import { fr } from "./catalogue";
import type { StepId } from "./steps";

/** How a UI should draw a field; special kinds need a lookup (countries, communes, streets…). */
export type FieldKind =
  | "text"
  | "email"
  | "tel"
  | "password"
  | "checkbox"
  | "radio"
  | "select"
  | "date"
  | "country"
  | "departement"
  | "commune"
  | "street"
  | "postalCode"
  | "city"
  | "photo";

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** The HTML autocomplete purpose (RGAA 11.13). */
  readonly autocomplete?: string;
  readonly hint?: string;
  readonly options?: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly maxLength?: number;
}

const i = fr.identity;
const a = fr.address;
const c = fr.contacts;
const k = fr.credentials;

/** The fields of each step, in page order. The same list drives the web page, the kiosk and the view. */
export const forms: Partial<Record<StepId, ReadonlyArray<FieldSpec>>> = {
  terms: [{ name: "accepted", label: fr.terms.accept, kind: "checkbox", required: true }],
  identity: [
    {
      name: "civilite",
      label: i.civilite,
      kind: "radio",
      required: true,
      autocomplete: "honorific-prefix",
      options: [
        { value: "Madame", label: i.madame },
        { value: "Monsieur", label: i.monsieur },
      ],
    },
    { name: "nomUsuel", label: i.nomUsuel, kind: "text", required: true, autocomplete: "family-name", maxLength: 100 },
    { name: "nomNaissance", label: i.nomNaissance, kind: "text", required: false, autocomplete: "off", maxLength: 100 },
    { name: "prenoms", label: i.prenoms, kind: "text", required: true, autocomplete: "given-name", maxLength: 100 },
    { name: "dateNaissance", label: i.dateNaissance, kind: "date", required: false, autocomplete: "bday", hint: i.dateHint },
    { name: "paysNaissance", label: i.paysNaissance, kind: "country", required: false, autocomplete: "off" },
    { name: "departementNaissance", label: i.departementNaissance, kind: "departement", required: false, autocomplete: "off" },
    { name: "communeNaissance", label: i.communeNaissance, kind: "commune", required: false, autocomplete: "off" },
    { name: "photoId", label: i.photo, kind: "photo", required: false },
  ],
  address: [
    { name: "numero", label: a.numero, kind: "text", required: false, autocomplete: "off", maxLength: 10 },
    { name: "voie", label: a.voie, kind: "street", required: true, autocomplete: "address-line1", hint: a.voieHint, maxLength: 120 },
    { name: "batiment", label: a.batiment, kind: "text", required: false, autocomplete: "address-line2", maxLength: 60 },
    { name: "appartement", label: a.appartement, kind: "text", required: false, autocomplete: "address-line3", maxLength: 60 },
    { name: "complement", label: a.complement, kind: "text", required: false, autocomplete: "off", maxLength: 120 },
    { name: "codePostal", label: a.codePostal, kind: "postalCode", required: true, autocomplete: "postal-code", maxLength: 10 },
    { name: "ville", label: a.ville, kind: "city", required: true, autocomplete: "address-level2", maxLength: 100 },
    { name: "pays", label: a.pays, kind: "country", required: false, autocomplete: "country" },
  ],
  contacts: [
    { name: "telephone", label: c.telephone, kind: "tel", required: false, autocomplete: "tel" },
    { name: "mobile", label: c.mobile, kind: "tel", required: false, autocomplete: "tel" },
    { name: "fax", label: c.fax, kind: "tel", required: false, autocomplete: "fax tel" },
    { name: "courriel", label: c.courriel, kind: "email", required: true, autocomplete: "email", maxLength: 254 },
    {
      name: "moyenPrefere",
      label: c.moyenPrefere,
      kind: "select",
      required: false,
      autocomplete: "off",
      options: [
        { value: "courriel", label: c.courriel },
        { value: "telephone", label: c.telephone },
        { value: "mobile", label: c.mobile },
        { value: "fax", label: c.fax },
      ],
    },
  ],
  credentials: [
    { name: "username", label: k.username, kind: "text", required: true, autocomplete: "username", maxLength: 50 },
    { name: "password", label: k.password, kind: "password", required: true, autocomplete: "new-password", hint: k.passwordRule },
    { name: "confirmation", label: k.confirmation, kind: "password", required: true, autocomplete: "new-password" },
  ],
};
