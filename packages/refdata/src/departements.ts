import { readDecoupageData } from "./readDecoupageData.js";

/** A département, or an overseas collectivity that INSEE codes the same way (975, 977…988). */
export interface Departement {
  /** "01"…"95", "2A", "2B", "971"…"976", then "975", "977"…"989". */
  readonly code: string;
  readonly nom: string;
}

let cached: readonly Departement[] | undefined;

/** The official list, in INSEE's order: metropolitan départements, overseas ones, then the other overseas collectivities. */
export function departements(): Departement[] {
  cached ??= Object.freeze(readDecoupageData<Departement[]>("departements").map(({ code, nom }) => Object.freeze({ code, nom })));
  return [...cached];
}
