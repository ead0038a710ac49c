import { useState } from "react";
import { flowError, useProofOfWork, withProofOfWork, type GuichetClient, type ResumeOffer } from "@guichet/client";
import { frenchTime, resumeText, spelledCode } from "./resumeText";
import "./resume.css";

/** The resume code, the QR code of the resume link, and the e-mail button once an address is known. */
export function ResumeOfferView(props: {
  readonly client: GuichetClient;
  readonly token: string;
  readonly offer: ResumeOffer;
  readonly headingLevel?: 2 | 3;
  readonly large?: boolean;
}) {
  const { offer } = props;
  const [mail, setMail] = useState<{ state: "idle" | "sending" } | { state: "sent" | "failed"; message: string }>({ state: "idle" });
  const Heading = props.headingLevel === 3 ? "h3" : "h2";
  // The e-mail costs a proof of work: solved while the citizen reads the code, before they ask.
  useProofOfWork(props.client, "mail", !!offer.email);
  const sendLink = async () => {
    setMail({ state: "sending" });
    try {
      const { sentTo } = await withProofOfWork(props.client, "mail", (pow) =>
        props.client.resume.sendLink.mutate({ token: props.token, ...(pow ? { pow } : {}) }),
      );
      setMail({ state: "sent", message: resumeText.linkSent(sentTo) });
    } catch (e) {
      setMail({ state: "failed", message: flowError(e).message });
    }
  };
  return (
    <div className={`resume-offer${props.large ? " resume-offer--large" : ""}`}>
      <p>{resumeText.offerIntro}</p>
      <Heading className="resume-offer__code-label">{resumeText.codeLabel}</Heading>
      <p className="resume-offer__code">
        <span aria-hidden="true">{offer.code}</span>
        <span className="visually-hidden">{spelledCode(offer.code)}</span>
      </p>
      <p>{resumeText.qrIntro}</p>
      <img className="resume-offer__qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(offer.qrSvg)}`} alt={resumeText.qrAlt} />
      <p className="resume-offer__validity">{resumeText.validity(frenchTime(offer.expiresAt))}</p>
      {offer.email ? (
        <>
          <button
            type="button"
            className="button button--secondary"
            disabled={mail.state === "sending" || mail.state === "sent"}
            onClick={() => void sendLink()}
          >
            {resumeText.sendLink}
          </button>
          <p className={`resume-offer__mail${mail.state === "failed" ? " resume-offer__mail--failed" : ""}`} role="status">
            {"message" in mail ? mail.message : ""}
          </p>
        </>
      ) : (
        <p className="hint">{resumeText.emailLater}</p>
      )}
    </div>
  );
}
