import { useEffect, useRef, useState } from "react";
import { flowError } from "@guichet/client";
import { useGuichet } from "@guichet/ui";
import { Notice, forgetJeton, readJeton } from "./AccountFields";
import { accountText as t } from "./accountText";
import { useMe } from "./useMe";

/** /confirmer-courriel#jeton=…: the link sent to a new e-mail address; the secret is POSTed, never sent in a URL. */
export function ConfirmEmailPage(props: { readonly navigate: (to: string) => void; readonly titleSuffix?: string }) {
  const { client } = useGuichet();
  const { refresh } = useMe();
  const [jeton] = useState(readJeton);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(jeton ? null : { ok: false, message: t.confirmEmailMissing });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = [t.confirmEmailTitle, props.titleSuffix].filter(Boolean).join(" – ");
  }, [props.titleSuffix]);

  // Once per page: a second call would find the link spent.
  const started = useRef(false);
  useEffect(() => {
    if (!jeton || started.current) return;
    started.current = true;
    forgetJeton();
    client.account.confirmEmail
      .mutate({ jeton })
      .then(
        (r) => setOutcome({ ok: r.status === "confirmed", message: r.message }),
        (e: unknown) => setOutcome({ ok: false, message: flowError(e).message }),
      )
      .finally(() => {
        void refresh();
        heading.current?.focus();
      });
  }, [client, jeton, refresh]);

  return (
    <div className="flow account">
      <h1 className="flow__heading" tabIndex={-1} ref={heading}>
        {t.confirmEmailTitle}
      </h1>
      {!outcome && <p role="status">{t.confirmingEmail}</p>}
      {outcome && <Notice kind={outcome.ok ? "ok" : "error"}>{outcome.message}</Notice>}
      <p>
        <a className="button" href="/mon-espace" onClick={(e) => (e.preventDefault(), props.navigate("/mon-espace"))}>
          {t.goToSpace}
        </a>
      </p>
    </div>
  );
}
