import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test/seededRandom.js';
import { createChallenge } from './createChallenge.js';
import { pictograms } from './pictograms.js';
import { publicChallenge } from './publicChallenge.js';

const seeds = Array.from({ length: 100 }, (_, i) => i + 1);
const decode = (dataUrl: string) => Buffer.from(dataUrl.replace('data:image/svg+xml;base64,', ''), 'base64').toString('utf8');

describe('publicChallenge', () => {
  it('sends only the id, the prompt, the cells and the question, never an answer', () => {
    for (const seed of seeds) {
      const challenge = createChallenge(seededRandom(seed));
      const sent = publicChallenge(challenge);
      expect(Object.keys(sent).sort()).toEqual(['alternative', 'cells', 'id', 'prompt']);
      expect(Object.keys(sent.alternative)).toEqual(['question']);
      for (const cell of sent.cells) expect(Object.keys(cell).sort()).toEqual(['key', 'svg']);
      const json = JSON.stringify(sent);
      expect(json).not.toMatch(/answerKey|acceptedAnswers|target/);
    }
  });

  it('sends each picture as a base64 SVG data URL', () => {
    const sent = publicChallenge(createChallenge(seededRandom(3)));
    for (const cell of sent.cells) {
      expect(cell.svg).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
      expect(decode(cell.svg)).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/);
    }
  });

  it("never names the target, or any picture, in a cell's markup", () => {
    const words = pictograms.flatMap((p) => [p.name, p.label]);
    for (const seed of seeds) {
      const sent = publicChallenge(createChallenge(seededRandom(seed)));
      for (const cell of sent.cells) {
        const markup = decode(cell.svg);
        for (const word of words) expect(markup).not.toContain(word);
        for (const word of words) expect(cell.svg).not.toContain(word);
        expect(markup).not.toMatch(/<text|<title|<desc|aria-|\sid=|\sclass=/);
      }
    }
  });
});
