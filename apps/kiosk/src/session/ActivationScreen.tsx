import { useEffect, useRef, useState } from "react";
import type { GuichetClient } from "@guichet/client";
import { ActivationCodeForm, activationText, GuichetProvider, pageTitle, type TenantInfo } from "@guichet/ui";
import { kioskText } from "../kioskText";
import { OnScreenKeyboard } from "./OnScreenKeyboard";

/**
 * « Activer mon espace » at the kiosk, as the activation e-mail and the end of the sign-up promise: the username
 * (or address) and the e-mail's 6-digit code, typed on the on-screen keyboard. Nobody logs in here.
 */
export function ActivationScreen(props: { readonly client: GuichetClient; readonly tenant: TenantInfo; readonly onBack: () => void }) {
  const shortName = props.tenant.shortName;
  const [done, setDone] = useState("");
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    document.title = pageTitle(activationText.title, kioskText.titleSuffix(shortName));
  }, [shortName]);
  useEffect(() => {
    if (done) notice.current?.focus();
  }, [done]);
  return (
    <GuichetProvider client={props.client} tenant={props.tenant} autofill={false} kiosk>
      <div className="kiosk-activation">
        <h1 className="flow__heading">{activationText.title}</h1>
        {done ? (
          <div ref={notice} tabIndex={-1} className="notice notice--ok" role="status">
            {done}
          </div>
        ) : (
          <>
            <p className="lead">{activationText.intro}</p>
            <ActivationCodeForm onActivated={(a) => setDone(a.message)} autoFocus />
          </>
        )}
        <p>
          <button type="button" className={done ? "button" : "button button--secondary"} onClick={props.onBack}>
            {done ? kioskText.end : kioskText.back}
          </button>
        </p>
        {!done && <OnScreenKeyboard />}
      </div>
    </GuichetProvider>
  );
}
