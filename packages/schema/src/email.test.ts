import { describe, expect, it } from "vitest";
import { fr } from "./catalogue";
import { newEmailStep } from "./accountChanges";
import { contactsStep } from "./contacts";
import { credentialsStep, identifierKind } from "./credentials";
import { checkStep } from "./stepDefinition";

const rules = { today: "2026-12-07", passwordPolicy: { minLength: 8, cnil2022: false } };
const contacts = (courriel: string) => checkStep(contactsStep, { courriel }, rules);
const c = fr.contacts;

describe("e-mail addresses", () => {
  it("keeps the domain in IDNA (ASCII) form, whatever its case or its dots", () => {
    for (const [typed, kept] of [
      ["alice@bücher.de", "alice@xn--bcher-kva.de"],
      ["Alice@EXAMPLE.FR", "Alice@example.fr"],
      ["alice@example．fr", "alice@example.fr"],
      ["prenom.nom+guichet@exemple.fr", "prenom.nom+guichet@exemple.fr"],
    ] as const) {
      const r = contacts(typed);
      expect(r.ok && (r.value as { courriel: string }).courriel, typed).toBe(kept);
    }
  });

  it("refuses invisible and direction characters in the address: U+200B, U+200E, U+202E, U+2066, U+FEFF, U+3164", () => {
    for (const ch of ["\u200b", "\u200e", "\u202e", "\u2066", "\ufeff", "\u3164", "\u00ad"]) {
      expect(contacts(`ali${ch}ce@example.fr`), JSON.stringify(ch)).toEqual({ ok: false, errors: { courriel: c.courrielInvisible } });
    }
  });

  it("refuses a local part that mixes scripts (a Cyrillic і among Latin letters), keeps one written in one script", () => {
    expect(contacts("alіce@example.fr")).toEqual({ ok: false, errors: { courriel: c.courrielMixedScripts } });
    expect(contacts("аlice@example.fr")).toEqual({ ok: false, errors: { courriel: c.courrielMixedScripts } });
    expect(contacts("élodie.dupont@example.fr").ok).toBe(true);
    expect(contacts("иван@example.ru").ok).toBe(true);
  });

  it("applies the same rule in « Changer mon adresse électronique »", () => {
    const change = (courriel: string) => checkStep(newEmailStep, { currentPassword: "x", courriel, confirmation: courriel }, rules);
    expect(change("alіce@example.fr")).toEqual({ ok: false, errors: { courriel: c.courrielMixedScripts } });
    expect(change("ali\u200bce@example.fr")).toEqual({ ok: false, errors: { courriel: c.courrielInvisible } });
    const idn = change("alice@bücher.de");
    expect(idn.ok && (idn.value as { courriel: string }).courriel).toBe("alice@xn--bcher-kva.de");
  });
});

describe("usernames", () => {
  const credentials = (username: string) => checkStep(credentialsStep, { username, password: "Pontoise1975", confirmation: "Pontoise1975" }, rules);

  it("are never an e-mail address nor hold an @", () => {
    for (const username of ["ALICE@EXAMPLE.FR", "alice@example.fr", "a@b", "marc@"]) {
      expect(credentials(username), username).toEqual({ ok: false, errors: { username: fr.credentials.usernameAt } });
    }
    expect(credentials("marc.boyet").ok).toBe(true);
  });

  it("so an identifier with an @ is an address, one without a username", () => {
    expect(identifierKind("ALICE@EXAMPLE.FR")).toBe("email");
    expect(identifierKind("alice.example.fr")).toBe("username");
  });
});
