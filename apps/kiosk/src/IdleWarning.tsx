import { useEffect, useId, useRef } from "react";
import { kioskText } from "./kioskText";

/**
 * « Êtes-vous toujours là ? »: a modal over the session, which only its button answers (a stray touch
 * elsewhere does not), so the time limit can be extended (WCAG 2.2.1, RGAA 13.1).
 */
export function IdleWarning(props: { readonly secondsLeft: number; readonly onStay: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  const title = useId();
  const text = useId();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    stay.current?.focus();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="idle"
      role="alertdialog"
      aria-labelledby={title}
      aria-describedby={text}
      onCancel={(e) => {
        e.preventDefault();
        props.onStay();
      }}
    >
      <h2 id={title} className="idle__title">
        {kioskText.stillThere}
      </h2>
      <p className="idle__count" aria-hidden="true">
        {props.secondsLeft}
      </p>
      <p id={text} className="idle__text">
        {kioskText.stillThereText(props.secondsLeft)}
      </p>
      <button ref={stay} type="button" className="kbutton kbutton--primary" onClick={props.onStay}>
        {kioskText.stay}
      </button>
    </dialog>
  );
}
