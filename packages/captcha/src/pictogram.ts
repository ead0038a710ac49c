/** What a pictogram's drawing receives: the colours and a coordinate jitter chosen for one cell. */
export interface Pen {
  /** A coordinate moved by a random fraction of a unit, so no two drawings share the same markup. */
  n(value: number): string;
  /** Outline colour, dark enough for a 3:1 contrast on a light background (RGAA 3.3). */
  stroke: string;
  /** A light tint of the same hue, for filled areas. */
  fill: string;
}

/** One picture of the security check, named in French with its article ("le crayon"). */
export interface Pictogram {
  /** Identifier, also the word the citizen reads: never written into the drawing. */
  name: string;
  /** The name with its article, as it reads in "Choisissez le crayon". */
  label: string;
  /** Inner SVG markup in a 100×100 box: shapes only, no text. */
  draw(pen: Pen): string;
}
