import { useEffect, useId, useRef, useState } from "react";
import { flowError, type ResumeOffer } from "@guichet/client";
import { useGuichet } from "./GuichetContext";
import { ResumeOfferView } from "./ResumeOfferView";
import { resumeText } from "./resumeText";

/** "Continuer sur un autre appareil", below every step: opens a new resume code and QR code on demand. */
export function ResumeElsewhere(props: { readonly token: string }) {
  const { client } = useGuichet();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [offer, setOffer] = useState<ResumeOffer | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  // The code appears below the step: bring it into view, and tell screen readers where it is.
  useEffect(() => {
    if (offer) panel.current?.focus();
  }, [offer]);

  const fetchOffer = async () => {
    setBusy(true);
    setError("");
    try {
      setOffer(await client.resume.offer.mutate({ token: props.token }));
    } catch (e) {
      setError(flowError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const toggle = () => {
    if (open) return setOpen(false);
    setOpen(true);
    // A code is made when asked for, and a new one each time: the last one shown is the one to type.
    void fetchOffer();
  };
  const expired = offer && new Date(offer.expiresAt).getTime() <= Date.now();

  return (
    <section className="resume-elsewhere" aria-label={resumeText.elsewhere}>
      <button type="button" className="button button--secondary" aria-expanded={open} aria-controls={panelId} onClick={toggle}>
        {open ? resumeText.elsewhereHide : resumeText.elsewhere}
      </button>
      <div id={panelId} hidden={!open} className="resume-elsewhere__panel" ref={panel} tabIndex={-1}>
        {busy && <p role="status">{resumeText.preparing}</p>}
        {error && (
          <div className="notice notice--error" role="alert">
            {error}
          </div>
        )}
        {open && offer && !busy && !expired && <ResumeOfferView client={client} token={props.token} offer={offer} headingLevel={2} />}
        {open && (expired || error) && !busy && (
          <button type="button" className="button" onClick={() => void fetchOffer()}>
            {resumeText.newCode}
          </button>
        )}
      </div>
    </section>
  );
}
