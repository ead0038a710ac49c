import { describe, expect, test } from "vitest";
import { epciMembers } from "./epciMembers.js";

describe("epciMembers", () => {
  test("lists the 38 communes of the CCPLM (EPCI 200035707), all in the Aude", () => {
    const members = epciMembers("200035707");
    expect(members).toHaveLength(38);
    expect(members.every((commune) => commune.departement === "11")).toBe(true);
    expect(members.map((commune) => commune.nom)).toEqual(expect.arrayContaining(["Bram", "Montréal", "Fanjeaux"]));
  });

  test("gives [] for an unknown SIREN", () => {
    expect(epciMembers("000000000")).toEqual([]);
  });
});
