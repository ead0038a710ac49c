import { describe, expect, it } from "vitest";
import { Address } from "./address";
import { fr } from "./catalogue";
import { Contacts } from "./contacts";
import { seedPasswordPolicy } from "./password";
import { forms, stepDefinition, stepRegistry } from "./registry";
import { checkStep, fieldsOf, linesOf, storedSchema } from "./stepDefinition";
import { optionalText } from "./text";
import { validate } from "./validate";
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
