import { ccplmStreetsFile } from "./ccplmStreetsFile.js";
import { communeCatalogue } from "./communeCatalogue.js";
import type { Commune } from "./commune.js";
import { countries } from "./countries.js";
import { departements } from "./departements.js";
import { epciMembers } from "./epciMembers.js";
import { loadStreetsFromFile } from "./loadStreetsFromFile.js";
import { searchCommunes } from "./searchCommunes.js";
import type { StreetIndex, StreetSearchOptions } from "./streetIndex.js";

export interface ReferenceDataBench {
  streetP50Ms: number;
  streetP99Ms: number;
  communeP50Ms: number;
  communeP99Ms: number;
  /** Heap kept by everything loaded (communes, départements, EPCI, countries, streets). */
  heapUsedMb: number;
  /** Time to load and index it all, once per process. */
  loadMs: number;
  /** Whether the heap was measured after a forced collection (node --expose-gc). */
  gcExposed: boolean;
}

export interface BenchOptions {
  /** Searches of each kind; 2,000 by default. */
  searches?: number;
  /** A BAN-format street file; the CCPLM's by default. */
  streetsFile?: string;
}

/**
 * Loads all the reference data and times searches as a citizen types them: whole names,
 * beginnings of names, lower case without accents, abbreviations written in full, with and
 * without a filter. Queries come from the data by a seeded draw, so two runs time the same work.
 * A few hundred searches warm the code up first: a server answers many.
 */
export async function benchReferenceData(options: BenchOptions = {}): Promise<ReferenceDataBench> {
  const searches = options.searches ?? 2000;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const loadStart = performance.now();
  const { communes } = communeCatalogue();
  departements();
  countries();
  epciMembers("200035707");
  const streets = await loadStreetsFromFile(options.streetsFile ?? ccplmStreetsFile);
  const loadMs = performance.now() - loadStart;
  gc?.();
  const heapUsedMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

  const random = seededRandom(20151101);
  const streetQueries = Array.from({ length: searches + 200 }, () => streetQuery(streets, random));
  const communeQueries = Array.from({ length: searches + 200 }, () => communeQuery(communes, random));
  const streetTimes = time(streetQueries, ([query, filter]) => streets.search(query, filter));
  const communeTimes = time(communeQueries, ([query, departement]) => searchCommunes(query, { departement }));
  return {
    streetP50Ms: percentile(streetTimes, 0.5),
    streetP99Ms: percentile(streetTimes, 0.99),
    communeP50Ms: percentile(communeTimes, 0.5),
    communeP99Ms: percentile(communeTimes, 0.99),
    heapUsedMb,
    loadMs,
    gcExposed: gc !== undefined,
  };
}

/** Durations of each run after the first 200, sorted. */
function time<T>(inputs: readonly T[], run: (input: T) => unknown): number[] {
  const times: number[] = [];
  inputs.forEach((input, i) => {
    const start = performance.now();
    run(input);
    if (i >= 200) times.push(performance.now() - start);
  });
  return times.sort((a, b) => a - b);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** How citizens spell what FANTOIR abbreviates. */
const spelledOut: Record<string, string> = {
  GEN: "Général",
  GAL: "Général",
  ST: "Saint",
  STE: "Sainte",
  DOC: "Docteur",
  LOT: "Lotissement",
  RES: "Résidence",
  GDE: "Grande",
  FBG: "Faubourg",
};

const fixedStreetQueries = [
  "rue de la poste",
  "Poste",
  "Général de Gaulle",
  "av gen de g",
  "Gal de Gaulle",
  "chemin de",
  "impasse st",
  "place de l'église",
  "route de",
  "r",
  "grand rue",
];

function streetQuery(index: StreetIndex, random: () => number): [string, StreetSearchOptions] {
  const street = index.streets[Math.floor(random() * index.streets.length)];
  const name = street?.nomVoie ?? "";
  const filter: StreetSearchOptions = random() < 0.3 && street !== undefined ? { postalCode: street.codePostal } : {};
  const pick = random();
  if (pick < 0.15) return [fixedStreetQueries[Math.floor(random() * fixedStreetQueries.length)] ?? "", filter];
  if (pick < 0.45) return [name.slice(0, 2 + Math.floor(random() * Math.max(1, name.length - 1))).toLowerCase(), filter];
  if (pick < 0.65)
    return [
      name
        .split(" ")
        .map((word) => spelledOut[word] ?? word.toLowerCase())
        .join(" "),
      filter,
    ];
  if (pick < 0.85) return [name.split(" ").slice(-2).join(" ").toLowerCase(), filter];
  return [name, filter];
}

function communeQuery(communes: readonly Commune[], random: () => number): [string, string | undefined] {
  const commune = communes[Math.floor(random() * communes.length)];
  const name = commune?.nom ?? "";
  const departement = random() < 0.2 ? commune?.departement : undefined;
  const pick = random();
  if (pick < 0.4) return [name.slice(0, 1 + Math.floor(random() * name.length)), departement];
  if (pick < 0.6) return [name.normalize("NFD").replace(/\p{M}/gu, "").replace(/-/g, " ").toLowerCase(), departement];
  if (pick < 0.7) return [name.split(/[-' ]/).pop() ?? name, departement];
  return [name, departement];
}

/** mulberry32: a small seeded generator, so every run draws the same queries. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
