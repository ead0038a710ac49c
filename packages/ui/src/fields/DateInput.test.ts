import { describe, expect, it } from "vitest";
import { formatDateTyping, padDate } from "./DateInput";

describe("typing a date on a numeric keypad", () => {
  it("puts the slashes in as the digits come", () => {
    expect(["0", "01", "010", "0105", "01051", "01051975"].map(formatDateTyping)).toEqual(["0", "01", "01/0", "01/05", "01/05/1", "01/05/1975"]);
  });
  it("lets a slash typed by hand after two digits stand for ours", () => {
    expect(formatDateTyping("01/")).toBe("01");
    expect(formatDateTyping("01/05/1975")).toBe("01/05/1975");
  });
  it("leaves short day and month typed with slashes alone, and pads them when the field is left", () => {
    expect(formatDateTyping("1/5/1975")).toBe("1/5/1975");
    expect(padDate("1/5/1975")).toBe("01/05/1975");
  });
  it("stops at eight digits", () => {
    expect(formatDateTyping("0105197512")).toBe("01/05/1975");
  });
});
