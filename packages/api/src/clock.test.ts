import { describe, expect, it } from "vitest";
import { frenchDay } from "./clock";

const intl = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" });

describe("frenchDay", () => {
  it("turns at midnight in France, winter and summer, and on the nights the clocks change", () => {
    expect(frenchDay(new Date("2026-01-14T22:59:59.999Z"))).toBe("2026-01-14");
    expect(frenchDay(new Date("2026-01-14T23:00:00.000Z"))).toBe("2026-01-15");
    expect(frenchDay(new Date("2026-07-14T21:59:59.999Z"))).toBe("2026-07-14");
    expect(frenchDay(new Date("2026-07-14T22:00:00.000Z"))).toBe("2026-07-15");
    // 29 March 2026, 02:00 becomes 03:00; 25 October 2026, 03:00 becomes 02:00.
    expect(frenchDay(new Date("2026-03-28T22:59:59.999Z"))).toBe("2026-03-28");
    expect(frenchDay(new Date("2026-03-28T23:00:00.000Z"))).toBe("2026-03-29");
    expect(frenchDay(new Date("2026-10-24T21:59:59.999Z"))).toBe("2026-10-24");
    expect(frenchDay(new Date("2026-10-24T22:00:00.000Z"))).toBe("2026-10-25");
    expect(frenchDay(new Date("2026-10-25T22:59:59.999Z"))).toBe("2026-10-25");
    expect(frenchDay(new Date("2026-10-25T23:00:00.000Z"))).toBe("2026-10-26");
  });

  it("gives the formatter's own answer at any moment, asked in any order", () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    const start = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 20_000; i++) {
      // Moments close together (the cache's case) and far apart.
      const at = new Date(start + Math.floor(random() * (i % 2 ? 3 * 365 : 2) * 86_400_000));
      expect(frenchDay(at), at.toISOString()).toBe(intl.format(at));
    }
  });
});
