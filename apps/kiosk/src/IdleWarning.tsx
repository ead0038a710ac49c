import { useEffect, useId, useRef, useState } from "react";
import type { GuichetClient, ResumeOffer } from "@guichet/client";
import { ResumeOfferView } from "@guichet/ui";
import { kioskText } from "./kioskText";

/**
 * « Êtes-vous toujours là ? »: a modal over the session, which only its button answers (a stray touch
 * elsewhere does not), so the time limit can be extended (WCAG 2.2.1, RGAA 13.1). With the flow's resume
 * code and QR code: whoever stepped away and comes back too late still continues on their phone.
 */
export function IdleWarning(props: {
  readonly secondsLeft: number;
  readonly onStay: () => void;
  readonly client: GuichetClient;
  /** The session's flow, if one is open. */
  readonly token: string | null;
}) {
  const { client, token } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  const title = useId();
  const text = useId();
  const [offer, setOffer] = useState<ResumeOffer | null>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    stay.current?.focus();
    return () => d?.close();
  }, []);
  useEffect(() => {
    if (!token) return;
    let live = true;
    // Without an answer the warning still asks; only the way back by phone is missing.
    client.resume.offer.mutate({ token }).then(
      (o) => live && setOffer(o),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, token]);
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
      <div className="idle__ask">
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
      </div>
      {offer && token && (
        <div className="idle__resume">
          <p className="idle__resume-lead">{kioskText.stillThereResume}</p>
          <ResumeOfferView client={client} token={token} offer={offer} headingLevel={3} />
        </div>
      )}
    </dialog>
  );
}
