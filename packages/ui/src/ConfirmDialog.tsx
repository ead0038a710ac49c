import { useEffect, useId, useRef } from "react";

/** A modal question (native <dialog>: focus kept inside, Échap closes); "no" is focused first, as the safe answer. */
export function ConfirmDialog(props: {
  readonly open: boolean;
  readonly message: string;
  readonly yes: string;
  readonly no: string;
  readonly onYes: () => void;
  readonly onNo: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const noRef = useRef<HTMLButtonElement>(null);
  const messageId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      dialog.showModal();
      noRef.current?.focus();
    } else if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={messageId}
      onCancel={(e) => {
        e.preventDefault();
        props.onNo();
      }}
    >
      <p id={messageId} className="dialog__message">
        {props.message}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" ref={noRef} onClick={props.onNo}>
          {props.no}
        </button>
        <button type="button" className="button button--warning" onClick={props.onYes}>
          {props.yes}
        </button>
      </div>
    </dialog>
  );
}
