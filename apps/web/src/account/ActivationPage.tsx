import { useEffect, useRef, useState, type FormEvent } from "react";
import { flowError, useProofOfWork, withProofOfWork } from "@guichet/client";
import { useGuichet } from "@guichet/ui";
import { ErrorSummary, Notice, TextField, forgetJeton, readJeton } from "./AccountFields";
import { accountText as t } from "./accountText";
import { LoginPanel } from "./LoginPanel";

type Outcome = { readonly ok: boolean; readonly message: string; readonly username?: string; readonly canResend?: boolean };

/**
 * /activation#jeton=…: the e-mailed link activates the espace and says so; a spent or expired link
 * says why and offers a new e-mail. Without a link: the 6-digit code, or a new e-mail for a lost one.
 */
export function ActivationPage(props: { readonly navigate: (to: string) => void; readonly titleSuffix?: string }) {
  const { client, autofill } = useGuichet();
  const [jeton] = useState(readJeton);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [opening, setOpening] = useState(!!jeton);
  const [resent, setResent] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = [t.activationTitle, props.titleSuffix].filter(Boolean).join(" – ");
  }, [props.titleSuffix]);

  // Once per page, even when React runs effects twice in development: a second call would find the link spent.
  const started = useRef(false);
  useEffect(() => {
    if (!jeton || started.current) return;
    started.current = true;
    forgetJeton();
    client.account.activate
      .mutate({ jeton })
      .then(
        (r) =>
          setOutcome({
            ok: r.status === "activated" || r.status === "alreadyActive",
            message: r.message,
            canResend: r.canResend,
            ...(r.username ? { username: r.username } : {}),
          }),
        (e: unknown) => setOutcome({ ok: false, message: flowError(e).message }),
      )
      .finally(() => {
        setOpening(false);
        heading.current?.focus();
      });
  }, [client, jeton]);

  // A spent or expired link offers a new e-mail, which costs a proof of work: solved as soon as that is shown.
  useProofOfWork(client, "mail", !!outcome?.canResend && !!jeton);

  async function resendFromLink() {
    try {
      setResent((await withProofOfWork(client, "mail", (pow) => client.account.resendActivation.mutate({ jeton, ...(pow ? { pow } : {}) }))).message);
    } catch (e) {
      setResent(flowError(e).message);
    }
  }

  return (
    <div className="flow account">
      <h1 className="flow__heading" tabIndex={-1} ref={heading}>
        {t.activationTitle}
      </h1>
      {opening && <p role="status">{t.activating}</p>}
      {outcome && <Notice kind={outcome.ok ? "ok" : "error"}>{outcome.message}</Notice>}
      {outcome?.ok ? (
        <section aria-labelledby="activation-login">
          <h2 id="activation-login" className="heading-m">
            {t.nowLogin}
          </h2>
          <LoginPanel navigate={props.navigate} {...(outcome.username ? { username: outcome.username } : {})} />
        </section>
      ) : (
        !opening && (
          <>
            {outcome?.canResend && jeton && (
              <div className="account__resend">
                {resent ? (
                  <Notice kind="ok">{resent}</Notice>
                ) : (
                  <button type="button" className="button" onClick={resendFromLink}>
                    {t.resendFromLink}
                  </button>
                )}
              </div>
            )}
            <div className="activation-offer">
              <CodeForm
                autofill={autofill}
                onActivated={(o) => {
                  setOutcome(o);
                  heading.current?.focus();
                }}
              />
              <LostMailForm autofill={autofill} />
            </div>
          </>
        )
      )}
    </div>
  );
}

/**
 * The final page of the sign-up: the code of the e-mail and "Je n'ai pas reçu le courriel", side by side;
 * once the code is accepted, the Connexion form.
 */
export function ActivationOffer(props: { readonly navigate: (to: string) => void }) {
  const { autofill } = useGuichet();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) notice.current?.focus();
  }, [outcome]);
  if (outcome)
    return (
      <div ref={notice} tabIndex={-1}>
        <Notice kind="ok">{outcome.message}</Notice>
        <section aria-labelledby="activation-login">
          <h2 id="activation-login" className="heading-m">
            {t.nowLogin}
          </h2>
          <LoginPanel navigate={props.navigate} {...(outcome.username ? { username: outcome.username } : {})} />
        </section>
      </div>
    );
  return (
    <div className="activation-offer">
      <CodeForm autofill={autofill} onActivated={setOutcome} />
      <LostMailForm autofill={autofill} />
    </div>
  );
}

/** The code of the e-mail, typed with the username or the address it was sent to. */
function CodeForm(props: { readonly autofill: boolean; readonly onActivated: (o: Outcome) => void }) {
  const { client } = useGuichet();
  const [identifiant, setIdentifiant] = useState("");
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  // Each refused try moves focus to the summary once it is drawn: an effect runs after the commit, where a
  // frame callback could run before React had drawn the errors and find no summary to focus.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) summary.current?.focus();
  }, [refusals]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const r = await client.account.activateWithCode.mutate({ identifiant, code });
      if (r.status === "activated" || r.status === "alreadyActive") {
        props.onActivated({ ok: true, message: r.message, ...("username" in r && r.username ? { username: r.username } : {}) });
        return;
      }
      setErrors("errors" in r && r.errors ? (r.errors as Record<string, string>) : { "activation-code": r.message });
    } catch (error) {
      setErrors({ "activation-code": flowError(error).message });
    } finally {
      setBusy(false);
    }
    setRefusals((n) => n + 1);
  }

  // The server names fields identifiant/code; the page's ids carry a prefix.
  const shown = {
    "activation-identifiant": errors.identifiant ?? errors["activation-identifiant"],
    "activation-code": errors.code ?? errors["activation-code"],
  };
  return (
    <section aria-labelledby="code-title">
      <h2 id="code-title" className="heading-m">
        {t.codeTitle}
      </h2>
      <p>{t.codeIntro}</p>
      <ErrorSummary errors={shown} ref={summary} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="activation-identifiant"
          label={t.identifier}
          hint={t.identifierHint}
          value={identifiant}
          onChange={setIdentifiant}
          error={shown["activation-identifiant"]}
          autoComplete={props.autofill ? "username" : "off"}
          spellCheck={false}
          autoCapitalize="none"
        />
        <TextField
          name="activation-code"
          label={t.code}
          hint={t.codeHint}
          value={code}
          onChange={setCode}
          error={shown["activation-code"]}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          className="input input--short"
        />
        <button type="submit" className="button" disabled={busy}>
          {t.activate}
        </button>
      </form>
    </section>
  );
}

/** "I never got it": a new e-mail for a pending espace; the same answer whatever was typed. */
function LostMailForm(props: { readonly autofill: boolean }) {
  const { client } = useGuichet();
  const [identifiant, setIdentifiant] = useState("");
  const [answer, setAnswer] = useState<{ ok: boolean; message: string } | null>(null);
  // The e-mail costs a proof of work: solved while the form is open.
  useProofOfWork(client, "mail");
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const resend = (pow: string | undefined) => client.account.resendActivation.mutate({ identifiant, ...(pow ? { pow } : {}) });
      setAnswer({ ok: true, message: (await withProofOfWork(client, "mail", resend)).message });
    } catch (error) {
      setAnswer({ ok: false, message: flowError(error).message });
    }
  }
  return (
    <section aria-labelledby="lost-title">
      <h2 id="lost-title" className="heading-m">
        {t.lostTitle}
      </h2>
      <p>{t.lostIntro}</p>
      {answer && <Notice kind={answer.ok ? "ok" : "error"}>{answer.message}</Notice>}
      <form onSubmit={submit} noValidate>
        <TextField
          name="lost-identifiant"
          label={t.identifier}
          hint={t.identifierHint}
          value={identifiant}
          onChange={setIdentifiant}
          autoComplete={props.autofill ? "email" : "off"}
          spellCheck={false}
          autoCapitalize="none"
        />
        <button type="submit" className="button button--secondary">
          {t.send}
        </button>
      </form>
    </section>
  );
}
