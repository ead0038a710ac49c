import type { Alternative } from "./createAlternative.js";

/** A security check as the server holds it, answers included. Never sent as is to a browser. */
export interface Challenge {
  /** Opaque id, also the salt of the stored answer hashes. */
  id: string;
  /** "Choisissez le crayon". */
  prompt: string;
  /** The pictogram's name ("crayon"). */
  target: string;
  /** The grid, in display order: an opaque key and the SVG markup of each picture. */
  cells: Array<{ key: string; svg: string }>;
  /** Key of the cell that shows the target. */
  answerKey: string;
  alternative: Alternative;
}
