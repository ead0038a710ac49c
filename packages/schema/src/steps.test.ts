import { describe, expect, it } from "vitest";
import { fr } from "./catalogue";
import { Address } from "./address";
import { Contacts } from "./contacts";
import { credentialsSchema } from "./credentials";
import { identitySchema } from "./identity";
import { passwordChecklist, passwordEntropyBits, seedPasswordPolicy } from "./password";
import { normalizePhone } from "./phone";
import { Terms } from "./terms";
import { validate } from "./validate";
import { checkStep } from "./stepDefinition";
import { accountChangesText, newPasswordStep } from "./accountChanges";
import { credentialsStep } from "./credentials";

const today = "2026-11-26";
const marc = { civilite: "Monsieur", nomUsuel: "BOYET", prenoms: "Marc", dateNaissance: "01/05/1975", paysNaissance: "FR" };

describe("IDENTITÉ", () => {
  it("accepts the seed's sample identity", () => {
    expect(validate(identitySchema(today), marc).ok).toBe(true);
  });
  it("asks for civilité, nom usuel and prénoms in French when they are missing", () => {
    expect(validate(identitySchema(today), {})).toEqual({
      ok: false,
      errors: { civilite: fr.identity.civiliteRequired, nomUsuel: fr.identity.nomUsuelRequired, prenoms: fr.identity.prenomsRequired },
    });
  });
  it("refuses a date that does not exist", () => {
    const r = validate(identitySchema(today), { ...marc, dateNaissance: "31/02/1975" });
    expect(r.ok === false && r.errors.dateNaissance).toBe(fr.identity.dateReal);
  });
  it("refuses a birth date that is not in the past", () => {
    const r = validate(identitySchema(today), { ...marc, dateNaissance: "26/11/2026" });
    expect(r.ok === false && r.errors.dateNaissance).toBe(fr.identity.datePast);
  });
  it("refuses a date not written JJ/MM/AAAA", () => {
    const r = validate(identitySchema(today), { ...marc, dateNaissance: "1975-05-01" });
    expect(r.ok === false && r.errors.dateNaissance).toBe(fr.identity.dateFormat);
  });
  it("refuses digits in a name", () => {
    const r = validate(identitySchema(today), { ...marc, prenoms: "M4rc" });
    expect(r.ok === false && r.errors.prenoms).toBe(fr.identity.nameChars);
  });
  it("accepts accented, hyphenated and apostrophe names", () => {
    expect(validate(identitySchema(today), { ...marc, nomUsuel: "D'Aubigné-Lévêque", prenoms: "Jean-Noël" }).ok).toBe(true);
  });
  it("accepts names typed in NFD and with the typographic apostrophe and hyphens of phones", () => {
    expect(validate(identitySchema(today), { ...marc, prenoms: "E\u0301loi\u0308se", nomUsuel: "D’Artagnan" }).ok).toBe(true);
    expect(validate(identitySchema(today), { ...marc, nomUsuel: "Dʼ Artagnan‐Lupin", nomNaissance: "Martin‑Roy" }).ok).toBe(true);
  });
  it("still refuses what is not a name: a leading apostrophe, a combining mark alone, symbols", () => {
    for (const nomUsuel of ["’Artagnan", "\u0301", "Boyet<", "Boyet‘"]) {
      const r = validate(identitySchema(today), { ...marc, nomUsuel });
      expect(r.ok === false && r.errors.nomUsuel, nomUsuel).toBe(fr.identity.nameChars);
    }
  });
});

describe("CGU", () => {
  it("requires the box to be ticked", () => {
    expect(validate(Terms, { accepted: false })).toEqual({ ok: false, errors: { accepted: fr.terms.mustAccept } });
    expect(validate(Terms, { accepted: true }).ok).toBe(true);
  });
});

describe("ADRESSE", () => {
  it("requires voie, code postal and ville", () => {
    expect(validate(Address, { voie: "", codePostal: "", ville: "" })).toEqual({
      ok: false,
      errors: { voie: fr.address.voieRequired, codePostal: fr.address.codePostalRequired, ville: fr.address.villeRequired },
    });
  });
  it("accepts a postal code of another form abroad", () => {
    expect(validate(Address, { voie: "Hauptstraße 5", codePostal: "D-50667", ville: "Köln", pays: "DE" }).ok).toBe(true);
  });
  it("refuses a postal code that is not five digits", () => {
    const r = validate(Address, { voie: "RUE DE LA POSTE", codePostal: "1115", ville: "Bram" });
    expect(r.ok === false && r.errors.codePostal).toBe(fr.address.codePostalFormat);
  });
});

describe("MOYENS DE CONTACT", () => {
  it("requires a well-formed e-mail address", () => {
    expect(validate(Contacts, {})).toEqual({ ok: false, errors: { courriel: fr.contacts.courrielRequired } });
    const r = validate(Contacts, { courriel: "marc@boyet" });
    expect(r.ok === false && r.errors.courriel).toBe(fr.contacts.courrielFormat);
  });
  it("refuses a phone number that is not a real one", () => {
    const r = validate(Contacts, { courriel: "marc@example.fr", telephone: "01 02" });
    expect(r.ok === false && r.errors.telephone).toBe(fr.contacts.phoneFormat);
  });
  it("accepts French and international numbers and normalises them", () => {
    expect(normalizePhone("04 68 76 69 40")).toBe("+33468766940");
    expect(normalizePhone("+32 2 123 45 67")).toBe("+3221234567");
    expect(normalizePhone("12")).toBeUndefined();
  });
  it("refuses a preferred means that was not filled in", () => {
    const r = validate(Contacts, { courriel: "marc@example.fr", moyenPrefere: "mobile" });
    expect(r.ok === false && r.errors.moyenPrefere).toBe(fr.contacts.moyenPrefereMissing);
  });
});

describe("AUTHENTIFICATION", () => {
  const schema = credentialsSchema(seedPasswordPolicy, (p) => p === "Azerty123");
  const creds = (password: string, confirmation = password, username = "marc.boyet") => ({ username, password, confirmation });
  it("accepts a password meeting the seed's rule", () => {
    expect(validate(schema, creds("Pontoise1975")).ok).toBe(true);
  });
  it("refuses a password without a capital, a digit or 8 characters", () => {
    for (const p of ["pontoise1975", "Pontoisexx", "Pon1975"]) {
      const r = validate(schema, creds(p));
      expect(r.ok === false && r.errors.password, p).toBe(fr.credentials.passwordWeak);
    }
  });
  it("refuses a password containing the username, whatever its case", () => {
    const r = validate(schema, creds("XMarc.Boyet1"));
    expect(r.ok === false && r.errors.password).toBe(fr.credentials.passwordHasUsername);
  });
  it("refuses a common password", () => {
    const r = validate(schema, creds("Azerty123"));
    expect(r.ok === false && r.errors.password).toBe(fr.credentials.passwordCommon);
  });
  it("refuses a confirmation that differs", () => {
    const r = validate(schema, creds("Pontoise1975", "Pontoise1976"));
    expect(r.ok === false && r.errors.confirmation).toBe(fr.credentials.confirmationMismatch);
  });
  it("counts the seed's minimum at about 47.6 bits and asks more under the CNIL 2022 floor", () => {
    expect(passwordEntropyBits("Abcdefg1")).toBeCloseTo(47.6, 1);
    const cnil = credentialsSchema({ minLength: 8, cnil2022: true });
    const r = validate(cnil, creds("Kx7mQp2v"));
    expect(r.ok === false && r.errors.password).toBe(fr.credentials.passwordEntropy);
    expect(validate(cnil, creds("Kx7mQp2v!")).ok).toBe(true);
  });
  it("lists every field's error at once, so the error summary names them all", () => {
    const rules = { today: "2026-01-01", passwordPolicy: seedPasswordPolicy };
    const empty = checkStep(credentialsStep, { username: "", password: "", confirmation: "" }, rules);
    expect(empty.ok === false && empty.errors).toEqual({
      username: fr.credentials.usernameRequired,
      password: fr.credentials.passwordRequired,
      confirmation: fr.credentials.confirmationRequired,
    });
    const two = checkStep(credentialsStep, { username: "é", password: "court", confirmation: "court" }, rules);
    expect(two.ok === false && two.errors).toEqual({ username: fr.credentials.usernameFormat, password: fr.credentials.passwordWeak });
    const change = checkStep(newPasswordStep, {}, rules);
    expect(change.ok === false && change.errors).toEqual({
      currentPassword: accountChangesText.currentPasswordRequired,
      password: fr.credentials.passwordRequired,
      confirmation: fr.credentials.confirmationRequired,
    });
    const weak = checkStep(newPasswordStep, { currentPassword: "", password: "court", confirmation: "" }, rules);
    expect(weak.ok === false && weak.errors).toEqual({
      currentPassword: accountChangesText.currentPasswordRequired,
      password: fr.credentials.passwordWeak,
      confirmation: fr.credentials.confirmationRequired,
    });
  });
  it("ticks the live checklist item by item", () => {
    const items = passwordChecklist("abc", "marc", seedPasswordPolicy);
    expect(items.filter((i) => i.met).map((i) => i.id)).toEqual(["lower", "noUsername"]);
  });
});
