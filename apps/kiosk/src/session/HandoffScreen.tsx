import { useEffect } from "react";
import type { GuichetClient, ResumeOffer } from "@guichet/client";
import { GuichetProvider, pageTitle, ResumeOfferView, type TenantInfo } from "@guichet/ui";
import { kioskText } from "../kioskText";

/** "Continuer sur mon téléphone": the code and QR code, until the phone takes over or the countdown ends. */
export function HandoffScreen(props: {
  readonly client: GuichetClient;
  readonly tenant: TenantInfo;
  readonly token: string;
  readonly offer: ResumeOffer;
  readonly secondsLeft: number;
  readonly onEnd: () => void;
  readonly onBack: () => void;
}) {
  // Its own title, not the step's left under it; given back to the step on "Revenir à mon inscription", unless
  // something else (a wipe) has titled the page since.
  const shortName = props.tenant.shortName;
  useEffect(() => {
    const before = document.title;
    const own = pageTitle(kioskText.handoffTitle, kioskText.titleSuffix(shortName));
    document.title = own;
    return () => {
      if (document.title === own) document.title = before;
    };
  }, [shortName]);
  return (
    <GuichetProvider client={props.client} tenant={props.tenant} autofill={false} kiosk>
      <div className="kiosk-handoff">
        <h1 className="flow__heading">{kioskText.handoffTitle}</h1>
        <ResumeOfferView client={props.client} token={props.token} offer={props.offer} large />
        <p className="kiosk-countdown">{kioskText.handoffCountdown(props.secondsLeft)}</p>
        <div className="kiosk-handoff__actions">
          <button type="button" className="button button--secondary" onClick={props.onBack}>
            {kioskText.handoffBack}
          </button>
          <button type="button" className="button" onClick={props.onEnd}>
            {kioskText.handoffEnd}
          </button>
        </div>
      </div>
    </GuichetProvider>
  );
}
