import type { GuichetClient, ResumeOffer } from "@guichet/client";
import { GuichetProvider, ResumeOfferView, type TenantInfo } from "@guichet/ui";
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
