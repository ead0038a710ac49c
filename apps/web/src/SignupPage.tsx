import type { GuichetClient } from "@guichet/client";
import { useFlow } from "@guichet/client";
import { LiveFlowPage, ResumeElsewhere, type TenantInfo } from "@guichet/ui";
import { ActivationOffer } from "./account/ActivationPage";
import { useFranceConnectNotice } from "./franceConnectNotice";

/** /inscription: the flow stored in this browser (guichet.flow), or a new one. */
export function SignupPage(props: { readonly client: GuichetClient; readonly tenant: TenantInfo | null; readonly navigate: (to: string) => void }) {
  const flow = useFlow(props.client, { autoStart: true });
  // Back from FranceConnect without an identity: why, in French, above IDENTITÉ, which can still be typed.
  const franceConnect = useFranceConnectNotice("signup");
  return (
    <>
      {franceConnect && (
        <div className="notice notice--error" role="alert">
          {franceConnect}
        </div>
      )}
      <LiveFlowPage
        flow={flow}
        onExit={() => props.navigate("/")}
        footer={(view) => <ResumeElsewhere key={view.token} token={view.token} />}
        afterDone={<ActivationOffer navigate={props.navigate} />}
        {...(props.tenant ? { titleSuffix: props.tenant.shortName } : {})}
      />
    </>
  );
}
