import { Schema } from "effect";
import { fr } from "./catalogue";
import { normalizePhone } from "./phone";
import { canonicalEmail, Courriel } from "./email";
import { answerItem, fieldsOf, nonEmpty, type StepDefinition } from "./stepDefinition";
import { formatPhone } from "./phone";

const phone = Schema.optionalKey(
  Schema.String.check(Schema.makeFilter((s: string) => s.trim() === "" || normalizePhone(s) !== undefined || fr.contacts.phoneFormat)),
);

export const contactMeans = ["courriel", "telephone", "mobile", "fax"] as const;
export type ContactMean = (typeof contactMeans)[number];

/** MOYENS DE CONTACT: courriel required; the preferred means must be one that is filled in. */
export const Contacts = Schema.Struct({
  telephone: phone,
  mobile: phone,
  fax: phone,
  courriel: Courriel,
  moyenPrefere: Schema.optionalKey(Schema.Literals(contactMeans).annotate({ message: fr.invalid })),
}).check(
  Schema.makeFilter((c) => {
    const chosen = c.moyenPrefere;
    if (!chosen || chosen === "courriel") return true;
    return (c[chosen] ?? "").trim() !== "" || { path: ["moyenPrefere"], issue: fr.contacts.moyenPrefereMissing };
  }),
);
export type Contacts = typeof Contacts.Type;

const c = fr.contacts;
const phoneLine = (v: string | undefined) => (v ? formatPhone(v) : undefined);

/** MOYENS DE CONTACT as a step. */
export const contactsStep: StepDefinition = {
  id: "contacts",
  fields: fieldsOf(Contacts, [
    { name: "telephone", label: c.telephone, kind: "tel", required: false, autocomplete: "tel" },
    { name: "mobile", label: c.mobile, kind: "tel", required: false, autocomplete: "tel" },
    { name: "fax", label: c.fax, kind: "tel", required: false, autocomplete: "fax tel" },
    { name: "courriel", label: c.courriel, kind: "email", required: true, autocomplete: "email" },
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
  ]),
  schema: () => Contacts,
  normalise: (values) => {
    const tidy = nonEmpty(values);
    return typeof tidy.courriel === "string" ? { ...tidy, courriel: canonicalEmail(tidy.courriel) } : tidy;
  },
  lines: (contacts: Contacts) => [
    answerItem(c.telephone, phoneLine(contacts.telephone)),
    answerItem(c.mobile, phoneLine(contacts.mobile)),
    answerItem(c.fax, phoneLine(contacts.fax)),
    answerItem(c.courriel, contacts.courriel),
    answerItem(c.moyenPrefere, fr.contacts[contacts.moyenPrefere ?? "courriel"]),
  ],
  mySpace: true,
};
