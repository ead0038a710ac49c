import { describe, expect, it } from "vitest";
import { emailSuggestion } from "./emailSuggestion";

describe("suggesting a mail domain", () => {
  it("proposes the common domain a typo is closest to", () => {
    expect(emailSuggestion("marc@gmial.com")).toBe("marc@gmail.com");
    expect(emailSuggestion("marc@ornage.fr")).toBe("marc@orange.fr");
  });
  it("says nothing for a known domain, an unknown one or an incomplete address", () => {
    expect(emailSuggestion("marc@gmail.com")).toBeUndefined();
    expect(emailSuggestion("marc.boyet@example.fr")).toBeUndefined();
    expect(emailSuggestion("marc@")).toBeUndefined();
  });
});
