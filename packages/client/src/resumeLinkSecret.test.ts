import { describe, expect, it } from "vitest";
import { resumeLinkSecret } from "./resumeLinkSecret";

describe("resumeLinkSecret", () => {
  it("reads the secret after #jeton= and the bare fragment of earlier links alike", () => {
    expect(resumeLinkSecret("#jeton=abcDEF_123-xyz")).toBe("abcDEF_123-xyz");
    expect(resumeLinkSecret("#abcDEF_123-xyz")).toBe("abcDEF_123-xyz");
    expect(resumeLinkSecret("")).toBe("");
  });
});
