import { describe, expect, it } from "vitest";
import { forms, fr, type FlowView } from "@guichet/schema";
import { checkStep, stepValues } from "./stepValues";

const view = (step: keyof typeof fr.steps, extra: Partial<FlowView> = {}): FlowView => ({
  kind: "registration",
  token: "t".repeat(43),
  version: 3,
  status: "active",
  step,
  title: fr.steps[step],
  progress: { current: 2, total: 8 },
  fields: (forms[step] ?? []).map((f) => ({ ...f, value: "" })),
  errors: {},
  can: { next: true, back: true, cancel: true },
  editing: false,
  ...extra,
});

describe("the values a move carries", () => {
  it("leaves out empty answers and the département of a birth abroad", () => {
    const values = {
      civilite: "Monsieur",
      nomUsuel: "BOYET",
      nomNaissance: "",
      prenoms: "Marc",
      paysNaissance: "BE",
      departementNaissance: "95",
      communeNaissance: "Liège",
      photoId: "",
    };
    expect(stepValues(view("identity"), values)).toEqual({
      civilite: "Monsieur",
      nomUsuel: "BOYET",
      prenoms: "Marc",
      paysNaissance: "BE",
      communeNaissance: "Liège",
    });
  });
  it("carries the photo's id with IDENTITÉ, so the photo is saved with the step", () => {
    const values = { civilite: "Madame", nomUsuel: "BOYET", prenoms: "Anne", paysNaissance: "BE", communeNaissance: "Liège", photoId: "abcdefghij_0123456789" };
    expect(stepValues(view("identity"), values)).toMatchObject({ photoId: "abcdefghij_0123456789" });
  });
  it("sends every service's key, automatic ones included, under keys", () => {
    const v = view("services", {
      services: [
        { id: "enfance", label: "Enfance", key: "ENF-1", auto: true },
        { id: "sport", label: "Sport", key: "", auto: false },
      ],
    });
    expect(stepValues(v, { "keys.sport": "ABCD" })).toEqual({ keys: { enfance: "ENF-1", sport: "ABCD" } });
  });
  it("answers the security check with the picture clicked, or else the text", () => {
    const v = view("captcha", { captcha: { disabled: false, kind: "pictures", challengeId: "c1", prompt: "Choisissez le crayon", cells: [], question: "?" } });
    expect(stepValues(v, { cellKey: "k3", text: "" })).toEqual({ challengeId: "c1", cellKey: "k3" });
    expect(stepValues(v, { cellKey: "", text: "mardi" })).toEqual({ challengeId: "c1", text: "mardi" });
  });
  it("answers CaptchEtat's characters with the text typed", () => {
    const v = view("captcha", { captcha: { disabled: false, kind: "characters", challengeId: "c2", image: "data:image/png;base64,AA==" } });
    expect(stepValues(v, { cellKey: "", text: "x7Kp2" })).toEqual({ challengeId: "c2", text: "x7Kp2" });
  });
});

describe("checking a step in the browser", () => {
  it("gives the schema's French messages", () => {
    expect(checkStep(view("identity"), {})).toMatchObject({ civilite: fr.identity.civiliteRequired, nomUsuel: fr.identity.nomUsuelRequired });
    expect(checkStep(view("terms"), { accepted: false })).toEqual({ accepted: fr.terms.mustAccept });
  });
  it("leaves a commune typed in full to the server, which recognises it or asks for one of the list", () => {
    const typed = { civilite: "Monsieur", nomUsuel: "BOYET", prenoms: "Marc", paysNaissance: "FR", communeNaissance: "Pontoise" };
    expect(checkStep(view("identity"), typed)).toBeNull();
    expect(checkStep(view("identity"), { ...typed, communeNaissance: "95500" })).toBeNull();
  });
  it("checks names with the scripts the tenant's view names, Latin alone otherwise", () => {
    const typed = { civilite: "Monsieur", nomUsuel: "ВОУЕТ", prenoms: "Marc", paysNaissance: "FR", communeNaissance: "Pontoise" };
    expect(checkStep(view("identity"), typed)).toEqual({ nomUsuel: fr.identity.nameScript(["Latin"]) });
    expect(checkStep(view("identity", { nameScripts: ["Latin", "Cyrillic"] }), typed)).toBeNull();
    expect(checkStep(view("identity", { nameScripts: ["Latin", "Cyrillic"] }), { ...typed, nomUsuel: "BОYET" })).toEqual({
      nomUsuel: fr.identity.nameMixedScripts,
    });
  });
  it("refuses a password that breaks the rule", () => {
    expect(checkStep(view("credentials"), { username: "mboyet", password: "bram", confirmation: "bram" })).toEqual({ password: fr.credentials.passwordWeak });
  });
});
