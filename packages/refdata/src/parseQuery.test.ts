import { describe, expect, test } from "vitest";
import { parseQuery } from "./parseQuery.js";

describe("parseQuery", () => {
  test("gives a typed abbreviation its full word and the other abbreviations of it", () => {
    expect(parseQuery("gal")[0]?.exacts).toEqual(expect.arrayContaining(["general", "gen"]));
  });

  test("gives a full word, or its beginning, the abbreviations FANTOIR writes for it", () => {
    expect(parseQuery("Général")[0]?.exacts).toEqual(expect.arrayContaining(["gen", "gal"]));
    expect(parseQuery("gene")[0]?.exacts).toEqual(expect.arrayContaining(["gen", "gal"]));
  });

  test("makes stop words optional, except the last word, which may be the start of another", () => {
    expect(parseQuery("general de gaulle").map((token) => token.optional)).toEqual([false, true, false]);
    expect(parseQuery("rue de").map((token) => token.optional)).toEqual([false, false]);
  });
});
