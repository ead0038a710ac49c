import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { FlowView } from "@guichet/schema";
import { flowError, useFlow, type GuichetClient, type ResumeOffer } from "@guichet/client";
import { ConfirmDialog, GuichetProvider, LiveFlowPage, type TenantInfo } from "@guichet/ui";
import { kioskText } from "../kioskText";
import { OnScreenKeyboard } from "./OnScreenKeyboard";

export interface SessionProps {
  readonly client: GuichetClient;
  readonly tenant: TenantInfo;
  /** The flow the session opened on: just created, or resumed with a code. */
  readonly initialView: FlowView;
  /** True while the handoff screen covers the session; the flow stays watched underneath. */
  readonly hidden: boolean;
  readonly onHandoff: (offer: ResumeOffer) => void;
  readonly onTookOver: () => void;
  readonly onFinished: () => void;
  readonly onExit: () => void;
}

/**
 * One person's sign-up at the kiosk: the web's step pages, with the on-screen keyboard, no autofill,
 * nothing written to the browser's storage, and "Continuer sur mon téléphone" under every step.
 */
export function Session(props: SessionProps) {
  const { client, onFinished } = props;
  const flow = useFlow(client, { storage: null });
  const [ending, setEnding] = useState(false);
  const [phoneError, setPhoneError] = useState("");
  const [handingOff, setHandingOff] = useState(false);

  // Once per session: a layout effect runs again each time a Suspense boundary shows the session anew (the handoff
  // screen, loaded lazily, hides it a moment), and adopting the first view again took the session back to BIENVENUE.
  const adopted = useRef(false);
  useLayoutEffect(() => {
    if (adopted.current) return;
    adopted.current = true;
    flow.adopt(props.initialView);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const done = flow.view?.status === "done";
  useEffect(() => {
    if (done) onFinished();
  }, [done, onFinished]);

  const handOff = async (token: string) => {
    setHandingOff(true);
    setPhoneError("");
    try {
      props.onHandoff(await client.resume.offer.mutate({ token }));
    } catch (e) {
      setPhoneError(flowError(e).message);
    } finally {
      setHandingOff(false);
    }
  };

  return (
    <GuichetProvider client={client} tenant={props.tenant} autofill={false} kiosk>
      <div className="kiosk-session" hidden={props.hidden}>
        <div className="kiosk-session__bar">
          {flow.view?.status === "active" && (
            <button type="button" className="button kiosk-phone__button" disabled={handingOff} onClick={() => void handOff(flow.view!.token)}>
              <svg className="kiosk-phone__icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
                <rect x="6" y="2" width="12" height="20" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
                <circle cx="12" cy="18" r="1.3" fill="currentColor" />
              </svg>
              {kioskText.phone}
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={() => setEnding(true)}>
            {kioskText.end}
          </button>
        </div>
        {phoneError && (
          <p className="notice notice--error" role="alert">
            {phoneError}
          </p>
        )}
        <LiveFlowPage
          flow={flow}
          onExit={props.onExit}
          draftStorage={null}
          titleSuffix={kioskText.titleSuffix(props.tenant.shortName)}
          onResumed={props.onTookOver}
        />
        <OnScreenKeyboard />
      </div>
      <ConfirmDialog
        open={ending}
        message={kioskText.endConfirm}
        yes={kioskText.endYes}
        no={kioskText.endNo}
        onYes={props.onExit}
        onNo={() => setEnding(false)}
      />
    </GuichetProvider>
  );
}
