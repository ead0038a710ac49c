import { describe, expect, test } from "vitest";
import { countries } from "./countries.js";

describe("countries", () => {
  test("lists FRANCE first, in upper case as the form shows it", () => {
    expect(countries()[0]).toEqual({ code: "FR", name: "FRANCE" });
  });

  test("sorts the other countries in French collation, accented capitals among their letter", () => {
    const names = countries()
      .slice(1)
      .map((country) => country.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("fr").compare));
    expect(names.indexOf("ÉGYPTE")).toBeLessThan(names.indexOf("ESPAGNE"));
    expect(names).toContain("ALLEMAGNE");
  });

  test("leaves out the overseas parts of France, which a citizen enters as FRANCE", () => {
    const codes = countries().map((country) => country.code);
    expect(codes).not.toContain("GP");
    expect(codes).not.toContain("NC");
    expect(codes).toContain("BE");
  });

  test("gives every country a distinct code", () => {
    const codes = countries().map((country) => country.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(230);
  });
});
