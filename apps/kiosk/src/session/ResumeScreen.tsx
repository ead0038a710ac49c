import { useEffect } from "react";
import type { FlowView } from "@guichet/schema";
import type { GuichetClient } from "@guichet/client";
import { GuichetProvider, pageTitle, ResumeCodeForm, resumeText, type TenantInfo } from "@guichet/ui";
import { kioskText } from "../kioskText";
import { OnScreenKeyboard } from "./OnScreenKeyboard";

/** "Reprendre une inscription" at the kiosk: the code, typed on the on-screen keyboard. */
export function ResumeScreen(props: {
  readonly client: GuichetClient;
  readonly tenant: TenantInfo;
  readonly onResumed: (view: FlowView) => void;
  readonly onBack: () => void;
  /** Why a resume link opened here did not open the flow (used, expired, unknown). */
  readonly error?: string;
}) {
  const shortName = props.tenant.shortName;
  useEffect(() => {
    document.title = pageTitle(resumeText.resumeTitle, kioskText.titleSuffix(shortName));
  }, [shortName]);
  return (
    <GuichetProvider client={props.client} tenant={props.tenant} autofill={false} kiosk>
      <div className="kiosk-resume">
        <h1 className="flow__heading">{resumeText.resumeTitle}</h1>
        {props.error && (
          <div className="notice notice--error" role="alert">
            {props.error}
          </div>
        )}
        <p className="lead">{resumeText.resumeIntro}</p>
        <ResumeCodeForm onResumed={props.onResumed} autoFocus />
        <p>
          <button type="button" className="button button--secondary" onClick={props.onBack}>
            {kioskText.back}
          </button>
        </p>
        <OnScreenKeyboard />
      </div>
    </GuichetProvider>
  );
}
