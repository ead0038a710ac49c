import { useEffect, useRef, useState, type FormEvent } from "react";
import { flowError, useProofOfWork, withProofOfWork } from "@guichet/client";
import { useGuichet } from "@guichet/ui";
import { AppLink, Notice, TextField } from "./AccountFields";
import { accountText as t } from "./accountText";

/** /mot-de-passe-oublie: one field, and the same sentence whether or not an espace matches. */
export function ForgotPasswordPage(props: { readonly navigate: (to: string) => void; readonly titleSuffix?: string }) {
  const { client, autofill } = useGuichet();
  const [identifiant, setIdentifiant] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [answer, setAnswer] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // The e-mail costs a proof of work: solved while the citizen types.
  useProofOfWork(client, "mail");

  useEffect(() => {
    document.title = [t.forgotTitle, props.titleSuffix].filter(Boolean).join(" – ");
  }, [props.titleSuffix]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      // Nothing typed: the server says so, and no solution is spent on it.
      const r = identifiant.trim()
        ? await withProofOfWork(client, "mail", (pow) => client.account.requestPasswordReset.mutate({ identifiant, ...(pow ? { pow } : {}) }))
        : await client.account.requestPasswordReset.mutate({ identifiant });
      if ("errors" in r && r.errors) {
        setError((r.errors as Record<string, string>).identifiant);
        setAnswer(null);
        input.current?.focus();
      } else {
        setError(undefined);
        setAnswer({ ok: true, message: r.message });
      }
    } catch (err) {
      setAnswer({ ok: false, message: flowError(err).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flow account">
      <h1 className="flow__heading">{t.forgotTitle}</h1>
      {answer && <Notice kind={answer.ok ? "ok" : "error"}>{answer.message}</Notice>}
      <p className="lead">{t.forgotIntro}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          name="forgot-identifiant"
          label={t.identifier}
          hint={t.identifierHint}
          value={identifiant}
          onChange={setIdentifiant}
          error={error}
          inputRef={input}
          autoComplete={autofill ? "username" : "off"}
          spellCheck={false}
          autoCapitalize="none"
        />
        <button type="submit" className="button" disabled={busy}>
          {t.forgotSend}
        </button>
      </form>
      <p>
        <AppLink to="/" navigate={props.navigate}>
          {t.backHome}
        </AppLink>
      </p>
    </div>
  );
}
