import { describe, expect, it } from "vitest";
import { maskEmail } from "./maskEmail";

describe("maskEmail", () => {
  it("keeps the first letter and the domain", () => {
    expect(maskEmail("marie.dupont@exemple.fr")).toBe("m••••@exemple.fr");
    expect(maskEmail(" a@b.fr ")).toBe("a••••@b.fr");
  });
  it("shows the same bullets whatever the length, so the length is not told", () => {
    expect(maskEmail("jeanne-marie@exemple.fr")).toBe("j••••@exemple.fr");
    expect(maskEmail("jo@exemple.fr")).toBe("j••••@exemple.fr");
  });
  it("never shows a whole malformed value", () => {
    expect(maskEmail("sans-arobase")).toBe("••••");
    expect(maskEmail("@exemple.fr")).toBe("••••");
  });
});
