import { describe, expect, it } from "vitest";
import { breakableBeforeSign, catalogueStrings } from "@guichet/ui";
import { kioskText } from "./kioskText";

describe("the kiosk's words", () => {
  it("have no plain space before ? ! : ; »", () => {
    expect(catalogueStrings(kioskText, "kioskText").filter(([, s]) => breakableBeforeSign.test(s)).map(([path]) => path)).toEqual([]);
  });
});
