import { describe, expect, it } from "vitest";
import { fr } from "@guichet/schema";
import { ui } from "./catalogue";
import { resumeText } from "./resumeText";
import { breakableBeforeSign, catalogueStrings, frenchTypography, straightApostrophe, unbreakablePhone } from "./typography";

describe("French typography", () => {
  it("puts no-break spaces before : ; ! ? », after «, and ’ between letters", () => {
    expect(frenchTypography("A ce titre : l'usager ; oui ! non ? « cité »")).toBe("A ce titre\u00a0: l’usager\u202f; oui\u202f! non\u202f? «\u202fcité\u202f»");
    expect(frenchTypography("https://exemple.fr et 10:30")).toBe("https://exemple.fr et 10:30");
    expect(breakableBeforeSign.test(frenchTypography("Pourquoi ? Parce que : « non »"))).toBe(false);
  });
  it("keeps a phone number on one line", () => {
    expect(unbreakablePhone("04 68 76 69 40")).toBe("04\u00a068\u00a076\u00a069\u00a040");
  });
  it("finds no plain space before ? ! : ; » in the flow's and the pages' words", () => {
    const strings = [...catalogueStrings(fr, "fr"), ...catalogueStrings(ui, "ui"), ...catalogueStrings(resumeText, "resumeText")];
    expect(strings.length).toBeGreaterThan(100);
    expect(strings.filter(([, s]) => breakableBeforeSign.test(s)).map(([path]) => path)).toEqual([]);
  });
  it("finds no straight apostrophe between letters in the flow's and the pages' words: ’, as the tenant's texts get", () => {
    const strings = [...catalogueStrings(fr, "fr"), ...catalogueStrings(ui, "ui"), ...catalogueStrings(resumeText, "resumeText")];
    expect(strings.filter(([, s]) => straightApostrophe.test(s)).map(([path]) => path)).toEqual([]);
    expect(straightApostrophe.test("Nom d'utilisateur")).toBe(true);
    expect(straightApostrophe.test(frenchTypography("Nom d'utilisateur"))).toBe(false);
  });
});
