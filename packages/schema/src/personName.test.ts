import { describe, expect, it } from "vitest";
import { fr } from "./catalogue";
import { identityChangeStep } from "./accountChanges";
import { identityStep } from "./identity";
import { checkStep } from "./stepDefinition";

const rules = { today: "2026-12-07", passwordPolicy: { minLength: 8, cnil2022: false } };
const base = { civilite: "Monsieur", nomUsuel: "BOYET", prenoms: "Marc" };
const i = fr.identity;

/** IDENTITÉ checked as the server and the browser check it: tidied by the step, then its schema. */
const identity = (values: Record<string, unknown>, scripts?: string[]) =>
  checkStep(identityStep, { ...base, ...values }, scripts ? { ...rules, nameScripts: scripts } : rules);
const errorsOf = (values: Record<string, unknown>, scripts?: string[]) => {
  const r = identity(values, scripts);
  return r.ok ? {} : r.errors;
};

describe("the name rule", () => {
  it("keeps ordinary French names as typed", () => {
    for (const name of [
      "Élodie",
      "Saint-Exupéry",
      "D'Artagnan",
      "D’Artagnan",
      "Ñúñez",
      "Œillet",
      "Lætitia",
      "Marie Ève",
      "N’Diaye-Lefèvre",
      "Lê Thị Ngọc Ánh",
    ]) {
      const r = identity({ nomUsuel: name, prenoms: name, nomNaissance: name });
      expect(r.ok, name).toBe(true);
      if (r.ok) expect((r.value as { nomUsuel: string }).nomUsuel).toBe(name);
    }
  });

  it("refuses a word written all in Cyrillic when the tenant allows Latin only, and accepts it where Cyrillic is allowed", () => {
    expect(errorsOf({ nomUsuel: "ВОУЕТ" })).toEqual({ nomUsuel: i.nameScript(["Latin"]) });
    expect(identity({ nomUsuel: "ВОУЕТ" }, ["Latin", "Cyrillic"]).ok).toBe(true);
    // One script per word: « Marc ВОУЕТ » is two words, one Latin, one Cyrillic, both allowed there.
    expect(identity({ nomUsuel: "Dupont-Иванов" }, ["Latin", "Cyrillic"]).ok).toBe(true);
  });

  it("refuses a word that mixes scripts (a Cyrillic О in BОYET), even where both are allowed", () => {
    expect(errorsOf({ nomUsuel: "BОYET" })).toEqual({ nomUsuel: i.nameMixedScripts });
    expect(errorsOf({ nomUsuel: "BОYET" }, ["Latin", "Cyrillic"])).toEqual({ nomUsuel: i.nameMixedScripts });
    expect(errorsOf({ prenoms: "Mαrc" })).toEqual({ prenoms: i.nameMixedScripts });
  });

  it("turns full-width letters into ordinary ones (NFKC): ＢＯＹＥＴ is kept as BOYET", () => {
    const r = identity({ nomUsuel: "ＢＯＹＥＴ", prenoms: "Ｍarc" });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ nomUsuel: "BOYET", prenoms: "Marc" });
  });

  it("says « obligatoire » for a name of fillers or invisible characters only, and refuses them beside letters", () => {
    for (const invisible of ["\u3164", "\u115f", "\u1160", "\uffa0", "\u200b", "\u200e\u202e", "\u3164 \u3164"]) {
      expect(errorsOf({ nomUsuel: invisible }), JSON.stringify(invisible)).toEqual({ nomUsuel: i.nomUsuelRequired });
      expect(errorsOf({ prenoms: invisible })).toEqual({ prenoms: i.prenomsRequired });
      expect(errorsOf({ nomUsuel: `BO${invisible}YET` })).toEqual({ nomUsuel: i.nameInvisible });
    }
    expect(errorsOf({ nomNaissance: "\u3164" })).toEqual({ nomNaissance: i.nameInvisible });
  });

  it("allows 2 combining marks on a letter, not 3, nor 90", () => {
    expect(identity({ prenoms: "Nguyễn" }).ok).toBe(true);
    expect(identity({ prenoms: "e\u0323\u0302" }).ok).toBe(true);
    expect(errorsOf({ prenoms: "e\u0301\u0302\u0303" })).toEqual({ prenoms: i.nameMarks });
    expect(errorsOf({ nomUsuel: `Z${"\u0301".repeat(90)}` })).toEqual({ nomUsuel: i.nameMarks });
  });

  it("is the rule of « Modifier mon identité » too", () => {
    const change = (values: Record<string, unknown>) => checkStep(identityChangeStep, values, rules);
    expect(change({ prenoms: "Élodie", nomNaissance: "Saint-Exupéry" }).ok).toBe(true);
    expect(change({ prenoms: "BОYET" })).toEqual({ ok: false, errors: { prenoms: i.nameMixedScripts } });
    expect(change({ prenoms: "\u3164" })).toEqual({ ok: false, errors: { prenoms: i.prenomsRequired } });
    const wide = change({ prenoms: "Ｍarc" });
    expect(wide.ok && (wide.value as { prenoms: string }).prenoms).toBe("Marc");
  });
});
