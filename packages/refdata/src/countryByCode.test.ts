import { describe, expect, test } from "vitest";
import { countryByCode } from "./countryByCode.js";

describe("countryByCode", () => {
  test("finds a country by its ISO code in any case", () => {
    expect(countryByCode("de")).toEqual({ code: "DE", name: "ALLEMAGNE" });
  });

  test("gives undefined for a code that names no country", () => {
    expect(countryByCode("ZZ")).toBeUndefined();
  });
});
