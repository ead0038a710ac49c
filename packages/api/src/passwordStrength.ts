import { createRequire } from "node:module";
import { Piscina } from "piscina";
import { abuseMessages } from "./abuse/abuseMessages";

/**
 * The estimate reads this many characters at most: zxcvbn's cost grows fast with length, and past
 * 32 characters a password is strong by its length alone (the policy's checklist still reads it all).
 */
export const STRENGTH_MAX_LENGTH = 32;

/** The strength meter's answer; `score` is null when the estimate could not be made in time. */
export interface StrengthEstimate {
  readonly score: number | null;
  readonly warning: string;
  readonly suggestions: readonly string[];
}

export interface PasswordStrength {
  /** 0 (guessed at once) to 4 (very hard), with zxcvbn's French feedback; never waits in a long queue. */
  estimate(password: string, userInputs?: readonly string[]): Promise<StrengthEstimate>;
  /** Worker threads alive now: none at rest. */
  workers(): number;
  close(): Promise<void>;
}

export interface PasswordStrengthOptions {
  /**
   * Worker threads, each one CPU at most and some 45 MB of memory while it lives (its own V8 heap and
   * zxcvbn's dictionaries, loaded once per thread). One is what a town hall's sign-ups need.
   */
  readonly threads?: number;
  /** Estimates waiting for a worker; past it, the answer is "réessayez dans un instant". */
  readonly maxQueue?: number;
  /** A worker left without work this long exits, and its memory with it; the next estimate starts one again. */
  readonly idleTimeoutMs?: number;
  /** An estimate not answered by then (a worker that cannot start, a machine starved of CPU) gets the neutral sentence. */
  readonly timeoutMs?: number;
  /** Each worker's V8 heap, bounded: the dictionaries take some 16 MB of it. */
  readonly resourceLimits?: { readonly maxOldGenerationSizeMb: number; readonly maxYoungGenerationSizeMb: number };
}

/** What a worker may hold: measured, the dictionaries and the garbage of a full queue of 32-character estimates fit with room to spare. */
export const STRENGTH_WORKER_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 4 } as const;

/**
 * A small pool of worker threads for the estimate, so no request ever holds the event loop; its queue
 * is bounded, and an estimate that finds it full is answered at once with a neutral sentence. No
 * worker runs until the first estimate, and none stays once estimates stop: the pool costs nothing at rest.
 */
export function passwordStrengthPool({
  threads = 1,
  maxQueue = 16,
  idleTimeoutMs = 30_000,
  timeoutMs = 10_000,
  resourceLimits = STRENGTH_WORKER_LIMITS,
}: PasswordStrengthOptions = {}): PasswordStrength {
  let pool: Piscina | undefined;
  const started = () => {
    const created = new Piscina({
      filename: new URL("./passwordStrengthWorker.mjs", import.meta.url).href,
      minThreads: 0,
      maxThreads: threads,
      maxQueue,
      idleTimeout: idleTimeoutMs,
      resourceLimits: { ...resourceLimits },
    });
    // A worker that dies (its memory bound) fails its estimate, answered below; the pool also emits
    // the error, which unheard would end the whole process.
    created.on("error", () => undefined);
    return created;
  };
  const busy: StrengthEstimate = { score: null, warning: abuseMessages.strengthBusy, suggestions: [] };
  return {
    async estimate(password, userInputs = []) {
      pool ??= started();
      if (pool.queueSize >= maxQueue) return busy;
      try {
        const task = pool.run({
          password: password.slice(0, STRENGTH_MAX_LENGTH),
          userInputs: userInputs.map((s) => s.slice(0, STRENGTH_MAX_LENGTH)),
        }) as Promise<StrengthEstimate>;
        // Past the timeout the citizen gets the neutral sentence; the estimate itself goes on (it holds
        // its place in the bounded queue): aborting it would end the worker, and on a machine starved of
        // CPU the next worker would be ended again before its dictionaries were even loaded.
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<StrengthEstimate>((resolve) => (timer = setTimeout(() => resolve(busy), timeoutMs)));
        task.catch(() => undefined);
        try {
          return await Promise.race([task, late]);
        } finally {
          clearTimeout(timer);
        }
      } catch (error) {
        if (/queue is at limit/i.test(String(error))) return busy;
        // A worker past its memory bound is ended by V8 (and replaced by the pool at the next estimate):
        // the citizen sees the same neutral sentence, never an error.
        if ((error as { code?: unknown }).code === "ERR_WORKER_OUT_OF_MEMORY") return busy;
        throw error;
      }
    },
    workers: () => pool?.threads.length ?? 0,
    async close() {
      await pool?.destroy();
      pool = undefined;
    },
  };
}

// The sign-up's own check, against the public lists zxcvbn ships. Common passwords are all in; of the
// lists of words and names, the most frequent ones, as zxcvbn itself would guess them with capitals and
// a year in under a million tries.
const RANKED_WORDS = 5_000;
type Dictionaries = { dictionary: Record<string, string[]> };

/**
 * Some 80,000 words held as one string, sorted and joined by newlines, with where each one starts, and
 * searched by bisection (17 comparisons): about 1 MB of heap, where a `Set` of as many strings took 3.5 MB
 * of every server process for as long as it lives.
 */
export class SortedWords {
  private readonly text: string;
  private readonly starts: Uint32Array;

  constructor(words: Iterable<string>) {
    const sorted = [...new Set(words)].filter((w) => !w.includes("\n")).sort();
    this.text = `${sorted.join("\n")}\n`;
    this.starts = new Uint32Array(sorted.length + 1);
    for (let i = 0, at = 0; i < sorted.length; i++) {
      this.starts[i] = at;
      at += sorted[i]!.length + 1;
    }
    this.starts[sorted.length] = this.text.length;
  }

  get size(): number {
    return this.starts.length - 1;
  }

  has(word: string): boolean {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const candidate = this.text.slice(this.starts[mid]!, this.starts[mid + 1]! - 1);
      if (candidate === word) return true;
      if (candidate < word) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }
}

let commonList: SortedWords | undefined;
function commonWords(): SortedWords {
  if (commonList) return commonList;
  // The whole dictionaries (some 10 MB of heap) live in the strength workers only: here they are read
  // once, through require, and dropped from its cache once the list holds what it needs.
  const require = createRequire(import.meta.url);
  const common = require("@zxcvbn-ts/language-common") as Dictionaries;
  const french = require("@zxcvbn-ts/language-fr") as Dictionaries;
  for (const key of Object.keys(require.cache)) if (/[\\/]@zxcvbn-ts[\\/]/.test(key)) delete require.cache[key];
  const words: string[] = [...(common.dictionary["passwords-common"] ?? [])];
  for (const [name, list] of Object.entries({ ...common.dictionary, ...french.dictionary })) {
    if (name === "passwords-common") continue;
    for (const w of list.slice(0, RANKED_WORDS)) if (w.length >= 3) words.push(w);
  }
  return (commonList = new SortedWords(words));
}

const LEET: Record<string, string> = {
  "@": "a",
  "4": "a",
  "8": "b",
  "(": "c",
  "3": "e",
  "6": "g",
  "1": "i",
  "!": "i",
  "|": "i",
  "0": "o",
  $: "s",
  "5": "s",
  "7": "t",
  "+": "t",
  "2": "z",
};
// Keyboard rows and alphabets typed in order: "abcdefg1", "Azertyui9".
const RUNS = ["abcdefghijklmnopqrstuvwxyz", "azertyuiopqsdfghjklmwxcvbn", "qwertyuiopasdfghjklzxcvbnm", "01234567890", "09876543210"];

/** The forms a common password hides under: lower case, l33t undone, digits and symbols around it dropped. */
function folded(password: string): string[] {
  const lower = password.normalize("NFKC").toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, "");
  const unleet = (s: string) => [...s].map((c) => LEET[c] ?? c).join("");
  const cores = [core, unleet(lower).replace(/^[\d\W_]+|[\d\W_]+$/gu, ""), unleet(core)];
  return [lower, unleet(lower), ...cores].filter((s) => s.length > 0);
}

const isRun = (s: string) => s.length >= 4 && (RUNS.some((r) => r.includes(s)) || new Set(s).size <= 2);

/**
 * A common password, word or name with trivial changes (capitals, digits or symbols around it, l33t),
 * or a run of the keyboard or alphabet. Reads the first 64 characters: a constant-time answer.
 */
export function isCommonPassword(password: string): boolean {
  const words = commonWords();
  return folded(password.slice(0, 64)).some((f) => words.has(f) || isRun(f));
}
