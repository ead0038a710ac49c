import { useRef } from "react";
import { ui } from "./catalogue";
import { frenchTypography } from "./typography";

/**
 * DONNÉES PERSONNELLES: the tenant's notice, whose part [between brackets] is a link to its « mentions
 * d’information », drawn just below (a link within the page: it works at the kiosk too, and leaves no step).
 */
export function DataNotice(props: { readonly notice: string; readonly policy?: string | undefined }) {
  const details = useRef<HTMLDetailsElement>(null);
  const [before, linked, after] = splitLink(frenchTypography(props.notice));
  return (
    <>
      <p>
        {before}
        {linked !== undefined &&
          (props.policy ? (
            <a
              href="#mentions-information"
              onClick={() => {
                if (details.current) details.current.open = true;
              }}
            >
              {linked}
            </a>
          ) : (
            linked
          ))}
        {after}
      </p>
      {props.policy && (
        <details className="data-policy" id="mentions-information" ref={details}>
          <summary>{ui.dataPolicy}</summary>
          {frenchTypography(props.policy)
            .split(/\n\s*\n/)
            .map((p) => p.trim())
            .filter(Boolean)
            .map((p, i) => (
              <p key={i}>{p}</p>
            ))}
        </details>
      )}
    </>
  );
}

/** "a [b] c" → ["a ", "b", " c"]; without brackets, the whole text and no link. */
export function splitLink(text: string): [string, string | undefined, string] {
  const m = /^([^[]*)\[([^\]]+)\]([\s\S]*)$/.exec(text);
  return m ? [m[1]!, m[2]!, m[3]!] : [text, undefined, ""];
}
