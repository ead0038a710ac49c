import { describe, expect, test } from "vitest";
import { departements } from "./departements.js";

describe("departements", () => {
  test("lists Corsica as 2A and 2B, never as 20", () => {
    const codes = departements().map((departement) => departement.code);
    expect(codes).toEqual(expect.arrayContaining(["2A", "2B"]));
    expect(codes).not.toContain("20");
  });

  test("includes the five overseas départements", () => {
    const codes = departements().map((departement) => departement.code);
    expect(codes).toEqual(expect.arrayContaining(["971", "972", "973", "974", "976"]));
  });

  test("names 95 Val-d'Oise", () => {
    expect(departements().find((departement) => departement.code === "95")).toEqual({ code: "95", nom: "Val-d'Oise" });
  });
});
