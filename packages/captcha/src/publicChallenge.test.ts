import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { pictureSignature } from "../test/pictureSignature.js";
import { seededRandom } from "../test/seededRandom.js";
import { createChallenge } from "./createChallenge.js";
import { pictograms } from "./pictograms.js";
import { publicChallenge } from "./publicChallenge.js";
import { PICTURE_SIZE } from "./rasterisePicture.js";

const bytesOf = (src: string) => Buffer.from(src.replace("data:image/webp;base64,", ""), "base64");
const sent = await Promise.all(
  Array.from({ length: 30 }, async (_, i) => {
    const challenge = createChallenge(seededRandom(i + 1));
    return { challenge, sent: await publicChallenge(challenge, seededRandom(1000 + i)) };
  }),
);

describe("publicChallenge", () => {
  it("sends only the id, the prompt, the cells and the question, never an answer", () => {
    for (const { sent: shown } of sent) {
      expect(Object.keys(shown).sort()).toEqual(["alternative", "cells", "id", "prompt"]);
      expect(Object.keys(shown.alternative)).toEqual(["question"]);
      for (const cell of shown.cells) expect(Object.keys(cell).sort()).toEqual(["key", "src"]);
      expect(JSON.stringify(shown)).not.toMatch(/"(answerKey|acceptedAnswers|target|svg)"/);
    }
  });

  it("sends each picture as a WebP image: pixels, no markup", async () => {
    const { sent: shown } = sent[0]!;
    for (const cell of shown.cells) {
      expect(cell.src).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/);
      const meta = await sharp(bytesOf(cell.src)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["webp", PICTURE_SIZE, PICTURE_SIZE]);
      expect(bytesOf(cell.src).includes(Buffer.from("<svg"))).toBe(false);
    }
  });

  it("leaves the project's own signature helper, and any markup matching, nothing to read", () => {
    for (const { sent: shown } of sent) {
      for (const cell of shown.cells) {
        const bytes = bytesOf(cell.src);
        expect(() => pictureSignature(bytes.toString("latin1"))).toThrow();
        // Names as a page would carry them (UTF-8, 4 bytes or more): random compressed bytes spell a 3-letter
        // name now and then in latin1 ("clé" is 3 bytes there), never a UTF-8 one by chance in practice.
        for (const p of pictograms) expect(bytes.includes(Buffer.from(p.name, "utf8")), p.name).toBe(false);
      }
    }
  });

  it("never sends the same bytes twice, even for the same picture in two challenges", () => {
    const seen = new Map<string, string>();
    const byPicture = new Map<string, Set<string>>();
    for (const { challenge, sent: shown } of sent) {
      shown.cells.forEach((cell, i) => {
        expect(seen.has(cell.src)).toBe(false);
        seen.set(cell.src, cell.key);
        const picture = pictureSignature(challenge.cells[i]!.svg);
        byPicture.set(picture, (byPicture.get(picture) ?? new Set()).add(cell.src));
      });
    }
    // The server's own markup (never sent) tells which pictogram each was: every one, drawn several times,, had other bytes each time.
    for (const [, drawings] of byPicture) expect(drawings.size).toBeGreaterThan(3);
  });
});
