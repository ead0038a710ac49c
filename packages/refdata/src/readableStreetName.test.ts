import { describe, expect, test } from "vitest";
import { readableStreetName } from "./readableStreetName.js";

describe("readableStreetName", () => {
  test("title case with the French particles in lower case", () => {
    expect(readableStreetName("RUE DE LA POSTE")).toBe("Rue de la Poste");
    expect(readableStreetName("CHEMIN DES VIGNES ET DU MOULIN")).toBe("Chemin des Vignes et du Moulin");
    expect(readableStreetName("PLACE DE LA REPUBLIQUE")).toBe("Place de la Republique");
  });
  test("expands FANTOIR's abbreviations, with the accents of the words it knows", () => {
    expect(readableStreetName("AV GEN DE GAULLE")).toBe("Avenue Général de Gaulle");
    expect(readableStreetName("IMP ST ROCH")).toBe("Impasse Saint Roch");
    expect(readableStreetName("ALLEE DES PINS")).toBe("Allée des Pins");
  });
  test("elides l and d, keeps Roman numerals and hyphenated names", () => {
    expect(readableStreetName("RUE DE L EGLISE")).toBe("Rue de l’Église");
    expect(readableStreetName("RUE LOUIS XIV")).toBe("Rue Louis XIV");
    expect(readableStreetName("RUE JEAN-JAURES")).toBe("Rue Jean-Jaures");
    expect(readableStreetName("LE VILLAGE")).toBe("Le Village");
  });
  test("leaves a name typed by a citizen as typed", () => {
    expect(readableStreetName("chemin de l’Étang")).toBe("chemin de l’Étang");
  });
});
