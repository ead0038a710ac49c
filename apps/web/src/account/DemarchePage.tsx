import { useCallback, useEffect, useState } from "react";
import { useFlow } from "@guichet/client";
import type { FlowView } from "@guichet/schema";
import { LiveFlowPage, ui, useGuichet } from "@guichet/ui";
import { accountText as t } from "./accountText";
import { LoginPanel } from "./LoginPanel";
import { useMe } from "./useMe";

/** Where a démarche's page lives: /mon-espace/demarche/<kind>. */
export const demarchePath = (kind: string) => `/mon-espace/demarche/${encodeURIComponent(kind)}`;

// The view `myspace.resume` answered, handed to the démarche's page it opens (its token never enters a URL).
let handedOver: FlowView | undefined;
export const handOver = (view: FlowView) => {
  handedOver = view;
};

/**
 * A démarche of Mon espace, any of them: drawn by the same flow page as the sign-up. Its token lives in
 * this page only; a reload opens it again with `myspace.start`, which resumes the unfinished one.
 */
export function DemarchePage(props: { readonly kind: string; readonly navigate: (to: string) => void; readonly titleSuffix?: string }) {
  const { me } = useMe();
  if (me === undefined) return <p role="status">{ui.loading}</p>;
  if (me === null) {
    return (
      <div className="flow account">
        <h1 className="flow__heading">{t.spaceTitle}</h1>
        <p className="lead">{t.notLoggedIn}</p>
        <LoginPanel navigate={props.navigate} onLoggedIn={() => undefined} />
      </div>
    );
  }
  return <Demarche {...props} />;
}

function Demarche(props: { readonly kind: string; readonly navigate: (to: string) => void; readonly titleSuffix?: string }) {
  const { client } = useGuichet();
  const { refresh } = useMe();
  const { kind } = props;
  const [label, setLabel] = useState<string | undefined>();
  const open = useCallback(async () => {
    const view = handedOver;
    handedOver = undefined;
    return view?.kind === kind ? view : client.myspace.start.mutate({ kind });
  }, [client, kind]);
  const flow = useFlow(client, { storage: null, open });

  useEffect(() => {
    let live = true;
    client.myspace.demarches
      .query()
      .then((menu) => live && setLabel(menu.find((d) => d.kind === kind)?.label))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, kind]);

  // A démarche may end the session (Supprimer mon espace): its final page then leads home, not to Mon espace.
  const done = flow.view?.status === "done";
  const [sessionEnded, setSessionEnded] = useState(false);
  useEffect(() => {
    if (!done) return;
    let live = true;
    client.account.me
      .query()
      .then((m) => live && setSessionEnded(m === null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, done]);

  // Back in Mon espace, which shows what the démarche changed; or home, the cookie cleared, when the session ended.
  const exit = () => {
    const leaving = sessionEnded ? client.account.logout.mutate().catch(() => undefined) : Promise.resolve();
    void leaving.then(refresh).then(() => props.navigate(sessionEnded ? "/" : "/mon-espace"));
  };
  return (
    <LiveFlowPage
      flow={flow}
      onExit={exit}
      flowTitle={label ? label.toLocaleUpperCase("fr-FR") : t.demarcheFallback}
      exitLabel={sessionEnded ? ui.backHome : t.backToSpace}
      exitHref={sessionEnded ? "/" : "/mon-espace"}
      cancelMessage={t.demarcheCancel(label)}
      {...(label ? { cancelNo: t.demarcheCancelNo(label) } : {})}
      {...(t.irreversible[kind] ? { irreversible: t.irreversible[kind] } : {})}
      {...(props.titleSuffix ? { titleSuffix: props.titleSuffix } : {})}
    />
  );
}
