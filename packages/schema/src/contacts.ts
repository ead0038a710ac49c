import { Schema } from "effect";
import { fr } from "./catalogue";
import { normalizePhone } from "./phone";
import { requiredText } from "./text";

// Syntax only (RFC 5321 lengths, one @, a dotted domain); whether it exists is the activation e-mail's job.
const EMAIL = /^[^\s@"<>()[\],;:\\]{1,64}@(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
export const isEmail = (s: string) => EMAIL.test(s.trim());

const phone = Schema.optionalKey(
  Schema.String.check(
    Schema.makeFilter((s: string) => s.trim() === "" || normalizePhone(s) !== undefined || fr.contacts.phoneFormat),
  ),
);

export const contactMeans = ["courriel", "telephone", "mobile", "fax"] as const;
export type ContactMean = (typeof contactMeans)[number];

/** MOYENS DE CONTACT: courriel required; the preferred means must be one that is filled in. */
export const Contacts = Schema.Struct({
  telephone: phone,
  mobile: phone,
  fax: phone,
  courriel: requiredText(fr.contacts.courrielRequired, 254).check(
    Schema.makeFilter((s: string) => s.trim() === "" || isEmail(s) || fr.contacts.courrielFormat),
  ),
  moyenPrefere: Schema.optionalKey(Schema.Literals(contactMeans).annotate({ message: fr.invalid })),
}).check(
  Schema.makeFilter((c) => {
    const chosen = c.moyenPrefere;
    if (!chosen || chosen === "courriel") return true;
    return (c[chosen] ?? "").trim() !== "" || { path: ["moyenPrefere"], issue: fr.contacts.moyenPrefereMissing };
  }),
);
export type Contacts = typeof Contacts.Type;
