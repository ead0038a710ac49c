import { expect, test } from "vitest";
import { brandColors } from "./brandColors.js";

test("a primary colour that is not a hex colour is refused", () => {
  for (const colour of ["red", "#12345", "red;background:url(https://tracker.example)", '#1d4f91"']) {
    expect(() => brandColors(colour), colour).toThrow("primaryColor must be a hex colour");
  }
});

test("text on the primary colour is white on a dark colour and ink on a light one", () => {
  expect(brandColors("#1d4f91")).toEqual({ primary: "#1d4f91", onPrimary: "#ffffff", link: "#1d4f91" });
  expect(brandColors("#FD3")).toEqual({ primary: "#ffdd33", onPrimary: "#1f1f1f", link: "#1f1f1f" });
});
