import { describe, expect, it } from "vitest";
import { pictureSignature } from "../test/pictureSignature.js";
import { seededRandom } from "../test/seededRandom.js";
import { createChallenge } from "./createChallenge.js";
import { pictograms } from "./pictograms.js";
import { renderPictogram } from "./renderPictogram.js";

const signatures = new Map(pictograms.map((p) => [pictureSignature(renderPictogram(p, seededRandom(1))), p.name]));
const pictureIn = (svg: string) => signatures.get(pictureSignature(svg));
const seeds = Array.from({ length: 200 }, (_, i) => i + 1);

describe("createChallenge", () => {
  it("offers at least twelve pictograms, each told apart from the others", () => {
    expect(pictograms.length).toBeGreaterThanOrEqual(12);
    expect(signatures.size).toBe(pictograms.length);
  });

  it("draws a grid of 6 or 9 distinct pictures, exactly one of them the target", () => {
    for (const seed of seeds) {
      const challenge = createChallenge(seededRandom(seed));
      const shown = challenge.cells.map((cell) => pictureIn(cell.svg));
      expect([6, 9]).toContain(challenge.cells.length);
      expect(new Set(shown).size).toBe(challenge.cells.length);
      expect(shown.filter((name) => name === challenge.target)).toHaveLength(1);
    }
  });

  it("gives the key of the cell that shows the target as the answer", () => {
    for (const seed of seeds) {
      const challenge = createChallenge(seededRandom(seed));
      const answer = challenge.cells.find((cell) => cell.key === challenge.answerKey);
      expect(answer && pictureIn(answer.svg)).toBe(challenge.target);
    }
  });

  it("draws both grid sizes", () => {
    const sizes = new Set(seeds.map((seed) => createChallenge(seededRandom(seed)).cells.length));
    expect(sizes).toEqual(new Set([6, 9]));
  });

  it("names the target in the prompt with its article, as in « Choisissez le crayon », a word for the mouse, the finger and the keyboard alike", () => {
    for (const seed of seeds) {
      const challenge = createChallenge(seededRandom(seed));
      const pictogram = pictograms.find((p) => p.name === challenge.target)!;
      expect(challenge.prompt).toBe(`Choisissez ${pictogram.label}`);
    }
    expect(pictograms.find((p) => p.name === "crayon")?.label).toBe("le crayon");
  });

  it("writes the elided article with the typographic apostrophe, as the rest of the pages: « l’arbre »", () => {
    expect(pictograms.filter((p) => /\p{L}'\p{L}/u.test(p.label)).map((p) => p.name)).toEqual([]);
    expect(pictograms.some((p) => p.label.startsWith("l’"))).toBe(true);
  });

  it("gives each cell an opaque key that is not the name of a picture", () => {
    const names = pictograms.map((p) => p.name);
    for (const seed of seeds) {
      const { cells } = createChallenge(seededRandom(seed));
      expect(new Set(cells.map((cell) => cell.key)).size).toBe(cells.length);
      for (const { key } of cells) {
        expect(key).toMatch(/^[a-z0-9]{12}$/);
        expect(names.some((name) => key.includes(name))).toBe(false);
      }
    }
  });

  it("never draws the same picture with the same markup twice", () => {
    const crayon = pictograms.find((p) => p.name === "crayon")!;
    const random = seededRandom(7);
    const drawings = Array.from({ length: 50 }, () => renderPictogram(crayon, random));
    expect(new Set(drawings).size).toBe(drawings.length);
  });

  it("moves the points of a picture a little each time, not only its colours", () => {
    const crayon = pictograms.find((p) => p.name === "crayon")!;
    const random = seededRandom(8);
    const shapes = Array.from({ length: 50 }, () => /<g [^>]*>(.*)<\/g>/.exec(renderPictogram(crayon, random))![1]!.replace(/hsl\([^)]*\)/g, "C"));
    expect(new Set(shapes).size).toBe(shapes.length);
  });
});
