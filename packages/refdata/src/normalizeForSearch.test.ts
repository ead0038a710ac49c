import { describe, expect, test } from "vitest";
import { normalizeForSearch } from "./normalizeForSearch.js";

describe("normalizeForSearch", () => {
  test("gives Saint-Étienne and saint etienne the same form", () => {
    expect(normalizeForSearch("Saint-Étienne")).toBe("saint etienne");
    expect(normalizeForSearch("saint etienne")).toBe("saint etienne");
  });

  test("turns apostrophes, hyphens and punctuation into single spaces", () => {
    expect(normalizeForSearch("  Rue de l’Église -- (bis), d'Aquitaine. ")).toBe("rue de l eglise bis d aquitaine");
  });

  test("folds every apostrophe a name may carry, NFD accents included", () => {
    for (const name of ["D'Artagnan", "D’Artagnan", "Dʼartagnan", "d artagnan", "D\u0301\u2019ARTAGNAN".normalize("NFC")]) {
      expect(normalizeForSearch(name), name).toBe("d artagnan");
    }
    expect(normalizeForSearch("E\u0301loi\u0308se")).toBe("eloise");
  });

  test("spells out the œ and æ ligatures that NFD leaves whole", () => {
    expect(normalizeForSearch("Œuilly Lætitia")).toBe("oeuilly laetitia");
  });
});
