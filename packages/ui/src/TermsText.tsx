import { ui } from "./catalogue";
import { frenchTypography } from "./typography";

/**
 * The tenant's CGU: paragraphs separated by blank lines; a line in capitals is a heading,
 * lines starting with "- " a list. Its headings come under the step's title (h1), as h2. In a scrollable region that the keyboard can reach.
 */
export function TermsText({ text }: { readonly text: string }) {
  const blocks = frenchTypography(text)
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return (
    <section className="terms" aria-label={ui.cguRegion} tabIndex={0}>
      {blocks.map((block, i) => {
        const lines = block.split("\n");
        if (lines.every((l) => l.startsWith("- ")))
          return (
            <ul key={i}>
              {lines.map((l, j) => (
                <li key={j}>{l.slice(2)}</li>
              ))}
            </ul>
          );
        if (block.length < 80 && block === block.toUpperCase() && /\p{L}/u.test(block))
          return (
            <h2 key={i} className="terms__heading">
              {block}
            </h2>
          );
        return <p key={i}>{block}</p>;
      })}
    </section>
  );
}
