import { describe, expect, it } from "vitest";
import { Address } from "./address";
import { fr } from "./catalogue";
import { Contacts } from "./contacts";
import { seedPasswordPolicy } from "./password";
import { forms, stepDefinition, stepRegistry } from "./registry";
import { checkStep, fieldsOf, linesOf, storedSchema } from "./stepDefinition";
import { optionalText } from "./text";
import { validate } from "./validate";
import { accountChangesText } from "./accountChanges";
import { Schema } from "effect";

const rules = { today: "2026-11-26", passwordPolicy: seedPasswordPolicy };

describe("the step registry", () => {
  it("gives each field the limit its schema declares, written once", () => {
    const voie = forms.address!.find((f) => f.name === "voie")!;
    expect(voie.maxLength).toBe(120);
    expect(validate(Address, { voie: "x".repeat(121), codePostal: "95000", ville: "Cergy" })).toMatchObject({ ok: false, errors: { voie: fr.tooLong(120) } });
    expect(forms.contacts!.find((f) => f.name === "courriel")!.maxLength).toBe(254);
    expect(forms.credentials!.find((f) => f.name === "username")!.maxLength).toBe(50);
    // A field without a textual limit gets none.
    expect(forms.address!.find((f) => f.name === "pays")!.maxLength).toBeUndefined();
  });

  it("derives the limit of a new schema's field with no spec to keep in step", () => {
    const S = Schema.Struct({ lieuDit: optionalText(42) });
    expect(fieldsOf(S, [{ name: "lieuDit", label: "Lieu-dit", kind: "text", required: false }])[0]!.maxLength).toBe(42);
  });

  it("tidies the typed values before checking them: trimmed, in NFC, empty answers left out", () => {
    const r = checkStep(stepRegistry.contacts!, { courriel: "  marc@example.fr ", telephone: "", moyenPrefere: "courriel" }, rules);
    expect(r).toEqual({ ok: true, value: { courriel: "marc@example.fr", moyenPrefere: "courriel" } });
    const named = checkStep(stepRegistry.identity!, { civilite: "Monsieur", nomUsuel: "Ele\u0301onore", prenoms: "Marc" }, rules);
    expect(named.ok && (named.value as { nomUsuel: string }).nomUsuel).toBe("Eléonore");
  });

  it("answers the security check with one message, and lets VALIDER through when the check is off", () => {
    expect(checkStep(stepRegistry.captcha!, { challengeId: "c1" }, rules)).toEqual({ ok: false, errors: { answer: fr.captcha.answerRequired } });
    expect(checkStep(stepRegistry.captcha!, {}, { ...rules, captchaDisabled: true }).ok).toBe(true);
  });

  it("keeps only the password's hash, made by the server's hook, and checks it with the stored schema", async () => {
    const step = stepRegistry.credentials!;
    const r = checkStep(step, { username: " marc.boyet ", password: "Tr0ub4dour&3-cheval", confirmation: "Tr0ub4dour&3-cheval" }, rules);
    expect(r.ok).toBe(true);
    const answer = await step.toAnswer!(r.ok ? (r.value as never) : (undefined as never), { hashPassword: async () => "$argon2id$v=19$x" });
    expect(answer).toEqual({ username: "marc.boyet", passwordHash: "$argon2id$v=19$x" });
    expect(validate(storedSchema(step, rules.today)!, answer).ok).toBe(true);
  });

  it("writes the review's lines and those of Mon espace from the same entry", () => {
    const places = { country: (c: string) => (c === "FR" ? "France" : c), departement: () => undefined, commune: () => undefined, street: (v: string) => v };
    const lines = linesOf(stepRegistry.contacts!, validate(Contacts, { courriel: "a@b.fr" }).ok ? { courriel: "a@b.fr" } : undefined, { places, services: [] });
    expect(lines.find((l) => l.label === fr.contacts.courriel)?.value).toBe("a@b.fr");
    expect(linesOf(stepRegistry.identity!, undefined, { places, services: [] })).toEqual([]);
    expect(linesOf(stepRegistry.services!, undefined, { places, services: [{ id: "sport", label: "Sport" }] })).toEqual([{ label: "Sport", value: "—" }]);
    expect(
      Object.values(stepRegistry)
        .filter((s) => s.mySpace)
        .map((s) => s.id),
    ).toEqual(["identity", "address", "contacts"]);
  });

  it("checks nothing on a page that takes no values", () => {
    expect(checkStep(stepDefinition("review"), { anything: 1 }, rules)).toEqual({ ok: true, value: {} });
  });
});

describe("the steps of the démarches that change the account", () => {
  it("asks the current password and a new one with the rules of AUTHENTIFICATION, and keeps only the new hash", async () => {
    const step = stepRegistry.newPassword!;
    expect(step.fields!.map((f) => [f.name, f.autocomplete])).toEqual([
      ["currentPassword", "current-password"],
      ["password", "new-password"],
      ["confirmation", "new-password"],
    ]);
    const common = (p: string) => p === "Azerty123";
    const check = (values: Record<string, unknown>) => checkStep(step, values, { ...rules, isCommonPassword: common });
    expect(check({ password: "Carcassonne2026", confirmation: "Carcassonne2026" })).toEqual({
      ok: false,
      errors: { currentPassword: accountChangesText.currentPasswordRequired },
    });
    expect(check({ currentPassword: "x", password: "court", confirmation: "court" })).toEqual({ ok: false, errors: { password: fr.credentials.passwordWeak } });
    expect(check({ currentPassword: "x", password: "Azerty123", confirmation: "Azerty123" })).toEqual({
      ok: false,
      errors: { password: fr.credentials.passwordCommon },
    });
    const r = check({ currentPassword: "Pontoise1975", password: "Carcassonne2026", confirmation: "Carcassonne2026" });
    expect(r.ok).toBe(true);
    const answer = await step.toAnswer!(r.ok ? (r.value as never) : (undefined as never), { hashPassword: async (p) => `$argon2id$v=19$${p.length}` });
    expect(answer).toEqual({ passwordHash: "$argon2id$v=19$15" });
    expect(validate(storedSchema(step, rules.today)!, answer).ok).toBe(true);
  });

  it("keeps the new address of NOUVELLE ADRESSE ÉLECTRONIQUE, typed twice, and never the password", async () => {
    const step = stepRegistry.newEmail!;
    const typed = { currentPassword: "Pontoise1975", courriel: " Marc@Nouveau.example.fr ", confirmation: "marc@nouveau.example.fr" };
    const r = checkStep(step, typed, rules);
    expect(r.ok).toBe(true);
    expect(await step.toAnswer!(r.ok ? (r.value as never) : (undefined as never), { hashPassword: async () => "" })).toEqual({
      // The domain in its IDNA (lower-case ASCII) form; the part before @ as typed.
      courriel: "Marc@nouveau.example.fr",
    });
    expect(checkStep(step, { ...typed, confirmation: "autre@example.fr" }, rules)).toEqual({
      ok: false,
      errors: { confirmation: accountChangesText.newEmailMismatch },
    });
  });

  it("takes the names of IDENTITÉ with its rules", () => {
    expect(stepRegistry.identityChange!.fields).toEqual(forms.identity!.filter((f) => f.name === "nomNaissance" || f.name === "prenoms"));
    expect(checkStep(stepRegistry.identityChange!, { prenoms: "J3an" }, rules)).toEqual({ ok: false, errors: { prenoms: fr.identity.nameChars } });
  });
});
