import { describe, expect, it } from "vitest";
import { isCommonPassword, passwordStrengthPool, SortedWords } from "./passwordStrength";

describe("isCommonPassword", () => {
  it("refuses what the zxcvbn estimate refused: common passwords, words and names with capitals, digits or l33t", () => {
    for (const p of [
      "Azerty123",
      "Motdepasse1",
      "Marseille13",
      "Soleil2020",
      "Password1",
      "Julien1990",
      "Bonjour123",
      "Chocolat1",
      "Nicolas1985",
      "Loulou2012",
      "Doudou123",
      "P@ssw0rd1",
      "Camille2000",
      "Toulouse31",
      "Paris2024",
      "Dupont1960",
      "Jetaime1",
      "Qwerty123",
      "Azertyuiop1",
      "Abcdefg1",
      "123456Azerty",
    ]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
  });

  it("accepts ordinary passwords that are not on the lists", () => {
    for (const p of ["Pontoise1975", "Kx7mQp2v", "Kx7mQp2v!", "Tortue-Velo-Bram11", "XMarc.Boyet1"]) expect(isCommonPassword(p), p).toBe(false);
  });

  it("answers a 200-character password at once", () => {
    const started = performance.now();
    for (let i = 0; i < 100; i++) isCommonPassword("aA1!".repeat(50));
    expect(performance.now() - started).toBeLessThan(250);
  });
});

describe("SortedWords", () => {
  it("finds exactly the words it was given, first, last, accented and absent ones alike", () => {
    const given = ["soleil", "azerty", "été", "zzz", "a", "123456", "mot de passe", "Émile", "soleil"];
    const words = new SortedWords(given);
    expect(words.size).toBe(8);
    for (const w of given) expect(words.has(w), w).toBe(true);
    for (const w of ["", "b", "solei", "soleils", "ete", "zzzz", "emile", "mot", "1234567", "\n"]) expect(words.has(w), w).toBe(false);
  });

  it("answers as a Set of the same words would, over many random ones", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed);
    const word = () => Array.from({ length: 1 + (random() % 6) }, () => "abcé1".charAt(random() % 5)).join("");
    const given = Array.from({ length: 2_000 }, word);
    const words = new SortedWords(given);
    const set = new Set(given);
    for (let i = 0; i < 5_000; i++) {
      const w = word();
      expect(words.has(w), w).toBe(set.has(w));
    }
  });

  it("holds the lists of the sign-up's check", () => {
    // A word from the common passwords, and one of the French list.
    expect(isCommonPassword("azerty")).toBe(true);
    expect(isCommonPassword("bonjour")).toBe(true);
  });
});

describe("passwordStrengthPool", () => {
  it("estimates in a worker, and answers a neutral sentence when its queue is full", async () => {
    const pool = passwordStrengthPool({ threads: 1, maxQueue: 2 });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      expect((await pool.estimate("Azerty123")).score).toBeLessThanOrEqual(1);
      const answers = await Promise.all(Array.from({ length: 10 }, () => pool.estimate("aA1!".repeat(50))));
      expect(answers.some((a) => a.score === null && /réessayez dans un instant/.test(a.warning))).toBe(true);
      expect(answers.some((a) => a.score !== null)).toBe(true);
      // One listener on the pool for all its estimates, not one more per estimate.
      await new Promise((r) => setTimeout(r, 50));
      expect(warnings).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
      await pool.close();
    }
  }, 30_000);

  it("starts no worker before the first estimate, and lets its worker go once estimates stop", async () => {
    const pool = passwordStrengthPool({ idleTimeoutMs: 300 });
    try {
      expect(pool.workers()).toBe(0);
      expect((await pool.estimate("Lauragais-1975-Bram!")).score).toBeGreaterThanOrEqual(3);
      expect(pool.workers()).toBe(1);
      const until = Date.now() + 10_000;
      while (pool.workers() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(pool.workers()).toBe(0);
      // The next estimate starts one again.
      expect((await pool.estimate("Azerty123")).score).toBeLessThanOrEqual(1);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("answers the neutral sentence, never an error, when a worker outgrows its memory bound", async () => {
    const pool = passwordStrengthPool({ resourceLimits: { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 }, timeoutMs: 3_000 });
    try {
      const answer = await pool.estimate("Lauragais-1975-Bram!");
      expect(answer.score).toBeNull();
      expect(answer.warning).toMatch(/réessayez dans un instant/);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
