import { useEffect, useRef, useState } from "react";
import type { FlowView } from "@guichet/schema";
import { flowError, flowTokenKey, resumeLinkSecret, type GuichetClient } from "@guichet/client";
import { ResumeCodeForm, resumeText } from "@guichet/ui";
import { RecoverForm } from "./RecoverForm";

/** Where the resumed flow's token goes: the same place as a flow started here, so /inscription finds it. */
function keep(view: FlowView) {
  try {
    localStorage.setItem(flowTokenKey, view.token);
  } catch {
    /* storage disabled: /inscription then starts afresh, as for any flow in such a browser */
  }
}

/**
 * /reprendre: a resume code typed here, or a resume link opened (/reprendre#jeton=…), continues the flow at its step;
 * without either, "Retrouver mon inscription" sends the links by e-mail.
 */
export function ResumePage(props: { readonly client: GuichetClient; readonly navigate: (to: string) => void; readonly titleSuffix?: string }) {
  const { client, navigate } = props;
  const [linkError, setLinkError] = useState("");
  const [opening, setOpening] = useState(() => window.location.hash.length > 1);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = [resumeText.resumeTitle, props.titleSuffix].filter(Boolean).join(" – ");
  }, [props.titleSuffix]);

  const resumed = (view: FlowView) => {
    keep(view);
    navigate("/inscription");
  };

  // The link's secret is in the fragment, which no server log or Referer carries; it leaves the address bar at once.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const secret = resumeLinkSecret(window.location.hash);
    if (!secret) return;
    window.history.replaceState(null, "", window.location.pathname);
    client.resume.redeemLink.mutate({ secret }).then(resumed, (e: unknown) => {
      setLinkError(flowError(e).message);
      setOpening(false);
      heading.current?.focus();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="flow">
      <h1 className="flow__heading" tabIndex={-1} ref={heading}>
        {resumeText.resumeTitle}
      </h1>
      {opening ? (
        <p role="status">{resumeText.openingLink}</p>
      ) : (
        <>
          {linkError && (
            <div className="notice notice--error" role="alert">
              {linkError}
            </div>
          )}
          <p className="lead">{resumeText.resumeIntro}</p>
          <ResumeCodeForm onResumed={resumed} />
          <RecoverForm client={client} />
        </>
      )}
    </div>
  );
}
