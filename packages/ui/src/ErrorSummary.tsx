import { forwardRef, type MouseEvent } from "react";
import { fr, type FieldErrors } from "@guichet/schema";
import { fieldId } from "./fields/fieldIds";

/** Takes a link of the summary to its field: focus the control and bring its label into view. */
function goToField(e: MouseEvent<HTMLAnchorElement>, name: string) {
  const target = document.getElementById(fieldId(name));
  if (!target) return;
  e.preventDefault();
  const box = target.closest("fieldset, .field") ?? target;
  box.scrollIntoView({ block: "start" });
  (target as HTMLElement).focus({ preventScroll: true });
}

/**
 * "Champs mal renseignés": every error of the step, each a link to its field (GOV.UK error summary).
 * The page moves focus here after a refused move.
 */
/** `order`: the names of the fields on the page, in page order; other errors are listed without a link. */
export const ErrorSummary = forwardRef<HTMLDivElement, { readonly errors: FieldErrors; readonly order: ReadonlyArray<string> }>(function ErrorSummary(
  { errors, order },
  ref,
) {
  const names = Object.keys(errors).filter((n) => errors[n]);
  if (names.length === 0) return null;
  const rank = (n: string) => (n === "_form" ? -1 : order.indexOf(n) === -1 ? order.length : order.indexOf(n));
  names.sort((a, b) => rank(a) - rank(b));
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 className="error-summary__title" id="error-summary-title">
        {fr.errorSummaryTitle}
      </h2>
      <ul className="error-summary__list">
        {names.map((name) => (
          <li key={name}>
            {!order.includes(name) ? (
              errors[name]
            ) : (
              <a href={`#${fieldId(name)}`} onClick={(e) => goToField(e, name)}>
                {errors[name]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
});
