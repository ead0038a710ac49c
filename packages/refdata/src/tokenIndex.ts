import type { QueryToken } from "./parseQuery.js";
import { stopWords } from "./stopWords.js";

/** A query word resolved against the vocabulary: a range of words it begins, and whole words. */
interface CompiledToken {
  /** Vocabulary ids [from, to) of the words that begin with the typed text. */
  readonly from: number;
  readonly to: number;
  /** Vocabulary ids matched in full: the typed word itself and its abbreviations or full words. */
  readonly exactIds: readonly number[];
  readonly optional: boolean;
}

interface Ranked {
  id: number;
  score: number;
}

/**
 * Word-prefix search over a fixed list of names, built once. Entries are given in order of
 * preference (largest town first, streets alphabetically): equal scores keep that order.
 * Words are kept sorted, so "every word beginning with …" is a range of ids found by binary
 * search, and scoring a candidate compares integers only; a query only scores the entries that
 * hold its rarest word instead of scanning them all.
 */
export class TokenIndex {
  private readonly vocabulary: string[];
  private readonly postings: Int32Array[];
  /** postingsBefore[w]: entries listed by the words before w, to size a range at once. */
  private readonly postingsBefore: Int32Array;
  /** The words of entry e are wordIds[wordsStart[e] … wordsStart[e + 1]). */
  private readonly wordIds: Int32Array;
  private readonly wordsStart: Int32Array;
  private readonly isStopWord: Uint8Array;
  /** Words of each entry that are not stop words: bounds its score before scoring it. */
  private readonly significantWords: Uint8Array;
  private readonly seen: Uint32Array;
  /** Reused by every search: the entries holding the seed word, without allocating per keystroke. */
  private readonly candidates: Int32Array;
  private searchNumber = 0;
  /** Words of each entry that the current search (hitStamp) may match in full, for the bound. */
  private readonly wholeHits: Uint8Array;
  private readonly hitStamp: Uint32Array;
  /** Scratch buffers of score(): which name words are taken, where each query word landed. */
  private readonly used: Uint8Array;
  private readonly positions: Int32Array;

  constructor(entryWords: readonly (readonly string[])[]) {
    const byWord = new Map<string, number[]>();
    entryWords.forEach((words, id) => {
      for (const word of words) {
        const list = byWord.get(word);
        if (list === undefined) byWord.set(word, [id]);
        else if (list[list.length - 1] !== id) list.push(id);
      }
    });
    // Code-unit order (not collation), so that all words with one prefix sit side by side.
    this.vocabulary = [...byWord.keys()].sort();
    const idOf = new Map(this.vocabulary.map((word, w) => [word, w]));
    this.postings = this.vocabulary.map((word) => Int32Array.from(byWord.get(word) ?? []));
    this.postingsBefore = new Int32Array(this.vocabulary.length + 1);
    this.postings.forEach((list, w) => {
      this.postingsBefore[w + 1] = (this.postingsBefore[w] ?? 0) + list.length;
    });
    this.isStopWord = Uint8Array.from(this.vocabulary, (word) => (stopWords.has(word) ? 1 : 0));

    this.significantWords = Uint8Array.from(entryWords, (words) => words.filter((word) => !stopWords.has(word)).length);
    this.wordsStart = new Int32Array(entryWords.length + 1);
    entryWords.forEach((words, id) => {
      this.wordsStart[id + 1] = (this.wordsStart[id] ?? 0) + words.length;
    });
    this.wordIds = Int32Array.from(entryWords.flat(), (word) => idOf.get(word) ?? -1);
    const longest = entryWords.reduce((most, words) => Math.max(most, words.length), 0);
    this.used = new Uint8Array(longest);
    this.positions = new Int32Array(64);
    this.seen = new Uint32Array(entryWords.length);
    this.candidates = new Int32Array(entryWords.length);
    this.wholeHits = new Uint8Array(entryWords.length);
    this.hitStamp = new Uint32Array(entryWords.length);
  }

  /** Ids of the best entries for the query, best first, among those `accept` lets through. */
  search(query: readonly QueryToken[], limit: number, accept?: (id: number) => boolean): number[] {
    const tokens = query.slice(0, this.positions.length).map((token) => this.compile(token));
    const required = tokens.filter((token) => !token.optional);
    if (required.length === 0 || limit <= 0) return [];
    let seed = required[0] as CompiledToken;
    for (const token of required) if (this.candidateCount(token) < this.candidateCount(seed)) seed = token;
    if (this.candidateCount(seed) === 0) return [];

    // Longest words first claim their name word, so "sa saint" still fits "saint sauveur".
    const matchOrder = query
      .slice(0, tokens.length)
      .map((_, i) => i)
      .sort((a, b) => (query[b]?.text.length ?? 0) - (query[a]?.text.length ?? 0));
    const stamp = this.nextStamp();
    // In order of preference, so that once the list is full, an entry that cannot beat its last
    // one is passed over without being scored (most of them, for a one-letter query).
    const ordered = this.entriesHolding(seed, stamp).sort();
    const wholeHits = this.countWholeHits(tokens, stamp);
    const optionalCount = tokens.length - required.length;
    const best: Ranked[] = [];
    for (const id of ordered) {
      if (accept !== undefined && !accept(id)) continue;
      const last = best[best.length - 1];
      if (best.length >= limit && last !== undefined) {
        const fewestOthers = Math.max(0, (this.significantWords[id] as number) - tokens.length);
        const whole = this.hitStamp[id] === stamp ? (wholeHits[id] as number) : 0;
        const highest = scoreOf(fewestOthers, true, true, whole, optionalCount);
        if (highest <= last.score) continue;
      }
      const score = this.score(id, tokens, matchOrder);
      if (score >= 0) insertRanked(best, { id, score }, limit);
    }
    return best.map((entry) => entry.id);
  }

  /** The entries holding a word that the token begins or matches in full, each once. */
  private entriesHolding(token: CompiledToken, stamp: number): Int32Array {
    let found = 0;
    const mark = (list: Int32Array | undefined): void => {
      for (const id of list ?? []) {
        if (this.seen[id] === stamp) continue;
        this.seen[id] = stamp;
        this.candidates[found++] = id;
      }
    };
    for (let w = token.from; w < token.to; w++) mark(this.postings[w]);
    for (const w of token.exactIds) mark(this.postings[w]);
    return this.candidates.subarray(0, found);
  }

  /**
   * Per entry, how many query words it could match in full (valid where hitStamp is this
   * search's): only entries holding one of those whole words can, which keeps the bound on a
   * score tight for the many that hold none.
   */
  private countWholeHits(tokens: readonly CompiledToken[], stamp: number): Uint8Array {
    for (const token of tokens) {
      for (const w of token.exactIds) {
        for (const id of this.postings[w] ?? []) {
          if (this.hitStamp[id] !== stamp) {
            this.hitStamp[id] = stamp;
            this.wholeHits[id] = 0;
          }
          if (this.wholeHits[id] !== 255) this.wholeHits[id] = (this.wholeHits[id] as number) + 1;
        }
      }
    }
    return this.wholeHits;
  }

  private compile(token: QueryToken): CompiledToken {
    const from = this.lowerBound(token.text);
    const to = this.lowerBound(token.text + "\uffff");
    const exactIds = [token.text, ...token.exacts].map((word) => this.exactWord(word)).filter((w) => w >= 0);
    return { from, to, exactIds, optional: token.optional };
  }

  private candidateCount(token: CompiledToken): number {
    let count = (this.postingsBefore[token.to] ?? 0) - (this.postingsBefore[token.from] ?? 0);
    for (const w of token.exactIds) if (w < token.from || w >= token.to) count += this.postings[w]?.length ?? 0;
    return count;
  }

  /**
   * How well an entry answers the query, or -1 when a required word is missing. In order of
   * weight: the name has no other significant word; it starts with the query; the words come in
   * the typed order; words matched in full; stop words matched; fewest other words.
   * Plain loops over integers and reused buffers: it runs for every candidate of every keystroke.
   */
  private score(id: number, query: readonly CompiledToken[], matchOrder: readonly number[]): number {
    const start = this.wordsStart[id] as number;
    const count = (this.wordsStart[id + 1] as number) - start;
    const words = this.wordIds;
    const used = this.used;
    const positions = this.positions;
    used.fill(0, 0, count);
    let whole = 0;
    let optionalMatched = 0;
    for (const q of matchOrder) {
      const token = query[q] as CompiledToken;
      let position = -1;
      for (let j = 0; j < count && position < 0; j++) {
        if (used[j] === 0 && token.exactIds.includes(words[start + j] as number)) position = j;
      }
      const inFull = position >= 0;
      for (let j = 0; j < count && position < 0; j++) {
        const w = words[start + j] as number;
        if (used[j] === 0 && w >= token.from && w < token.to) position = j;
      }
      positions[q] = position;
      if (position < 0) {
        if (token.optional) continue;
        return -1;
      }
      used[position] = 1;
      if (inFull) whole++;
      if (token.optional) optionalMatched++;
    }
    let others = 0;
    for (let j = 0; j < count; j++) if (used[j] === 0 && this.isStopWord[words[start + j] as number] === 0) others++;
    let inOrder = true;
    let first = -1;
    let previous = -1;
    for (let q = 0; q < query.length; q++) {
      const position = positions[q] as number;
      if (position < 0) continue;
      if (first < 0) first = position;
      else if (position < previous) inOrder = false;
      previous = position;
    }
    let startsWithQuery = true;
    for (let j = 0; j < first; j++) if (this.isStopWord[words[start + j] as number] === 0) startsWithQuery = false;
    return scoreOf(others, startsWithQuery, inOrder, whole, optionalMatched);
  }

  private exactWord(word: string): number {
    const w = this.lowerBound(word);
    return this.vocabulary[w] === word ? w : -1;
  }

  private lowerBound(word: string): number {
    let low = 0;
    let high = this.vocabulary.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.vocabulary[middle] as string) < word) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private nextStamp(): number {
    // Stamps mark the entries met during one search without clearing an array each time.
    this.searchNumber = this.searchNumber === 0xffffffff ? 1 : this.searchNumber + 1;
    if (this.searchNumber === 1) {
      this.seen.fill(0);
      this.hitStamp.fill(0);
    }
    return this.searchNumber;
  }
}

/** The score's parts, heaviest first, packed into one number that sorts like them. */
function scoreOf(others: number, startsWithQuery: boolean, inOrder: boolean, whole: number, optionalMatched: number): number {
  return (
    (others === 0 ? 1e8 : 0) +
    (startsWithQuery ? 1e7 : 0) +
    (inOrder ? 1e6 : 0) +
    Math.min(whole, 99) * 1e4 +
    Math.min(optionalMatched, 99) * 1e2 +
    (99 - Math.min(others, 99))
  );
}

/** Keeps `best` sorted (higher score, then lower id) and no longer than `limit`. */
function insertRanked(best: Ranked[], entry: Ranked, limit: number): void {
  const ranksBefore = (a: Ranked, b: Ranked): boolean => a.score > b.score || (a.score === b.score && a.id < b.id);
  const last = best[best.length - 1];
  if (best.length >= limit && last !== undefined && !ranksBefore(entry, last)) return;
  let i = best.length;
  while (i > 0 && ranksBefore(entry, best[i - 1] as Ranked)) i--;
  best.splice(i, 0, entry);
  if (best.length > limit) best.pop();
}
