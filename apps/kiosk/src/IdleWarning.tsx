import { useEffect, useId, useRef } from "react";
import { kioskText } from "./kioskText";

/**
 * « Êtes-vous toujours là ? »: a modal over the session, which only its buttons answer (a stray touch
 * elsewhere does not), so the time limit can be extended (WCAG 2.2.1, RGAA 13.1). It shows no resume code:
 * whoever stands there may not be the citizen. The citizen who is there and wants to leave asks for it
 * with « Continuer sur mon téléphone », which opens the handoff screen.
 */
export function IdleWarning(props: {
  readonly secondsLeft: number;
  readonly onStay: () => void;
  /** Opens the handoff screen, with the flow's code; absent when no flow can be continued elsewhere. */
  readonly onPhone?: () => void;
  /** True while the code is being asked for. */
  readonly busy?: boolean;
  /** Why the code could not be had. */
  readonly error?: string;
}) {
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
      {props.onPhone && (
        <div className="idle__resume">
          <p className="idle__resume-lead">{kioskText.stillThereResume}</p>
          <button type="button" className="kbutton kbutton--secondary" disabled={props.busy} onClick={props.onPhone}>
            {kioskText.phone}
          </button>
          {props.error && (
            <p className="idle__error" role="alert">
              {props.error}
            </p>
          )}
        </div>
      )}
    </dialog>
  );
}
