import { describe, expect, it } from "vitest";
import { breakableBeforeSign, catalogueStrings, straightApostrophe } from "@guichet/ui";
import { kioskText } from "./kioskText";

describe("the kiosk's words", () => {
  it("have no plain space before ? ! : ; »", () => {
    expect(
      catalogueStrings(kioskText, "kioskText")
        .filter(([, s]) => breakableBeforeSign.test(s))
        .map(([path]) => path),
    ).toEqual([]);
  });
  it("have no straight apostrophe between letters (’, as the flow's words)", () => {
    expect(
      catalogueStrings(kioskText, "kioskText")
        .filter(([, s]) => straightApostrophe.test(s))
        .map(([path]) => path),
    ).toEqual([]);
  });
});
