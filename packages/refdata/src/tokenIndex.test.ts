import { describe, expect, test } from "vitest";
import { parseQuery } from "./parseQuery.js";
import { searchTokens } from "./searchTokens.js";
import { TokenIndex } from "./tokenIndex.js";

const names = ["Saint-Étienne-du-Bois", "Saint-Étienne", "Étienne", "Bois-Colombes", "Le Bois"];
const index = new TokenIndex(names.map(searchTokens));
const search = (query: string, limit = 10): string[] => index.search(parseQuery(query), limit).map((id) => names[id] ?? "");

describe("TokenIndex", () => {
  test("ranks a name that the query covers whole before longer names", () => {
    expect(search("saint etienne")).toEqual(["Saint-Étienne", "Saint-Étienne-du-Bois"]);
  });

  test("ranks names that start with the query before names that hold it later", () => {
    expect(search("etienne")).toEqual(["Étienne", "Saint-Étienne", "Saint-Étienne-du-Bois"]);
  });

  test("does not count a leading article against a name", () => {
    expect(search("bois")[0]).toBe("Le Bois");
  });

  test("requires every significant word typed", () => {
    expect(search("saint colombes")).toEqual([]);
  });

  test("keeps the given order between equally good names", () => {
    const twins = new TokenIndex([
      ["rue", "haute"],
      ["rue", "haute"],
    ]);
    expect(twins.search(parseQuery("rue h"), 10)).toEqual([0, 1]);
  });

  test("stops at the limit", () => {
    expect(search("bois", 2)).toHaveLength(2);
  });
});
