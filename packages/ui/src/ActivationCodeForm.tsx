import { useEffect, useRef, useState, type FormEvent } from "react";
import { flowError } from "@guichet/client";
import { activationText as t } from "./activationText";
import { ErrorSummary } from "./ErrorSummary";
import { useGuichet } from "./GuichetContext";
import { FieldShell } from "./fields/FieldShell";
import { describedBy, fieldId } from "./fields/fieldIds";

const IDENTIFIER = "activation-identifiant";
const CODE = "activation-code";

/** What the server said once the code was taken: the espace is active (or was already). */
export interface Activated {
  readonly message: string;
  readonly username?: string;
}

/**
 * The 6-digit code of the activation e-mail, typed with the username or the address it was sent to
 * (`account.activateWithCode`). A refusal is shown beside its field and in the summary, which takes the focus.
 */
export function ActivationCodeForm(props: { readonly onActivated: (activated: Activated) => void; readonly autoFocus?: boolean }) {
  const { client, autofill } = useGuichet();
  const [identifiant, setIdentifiant] = useState("");
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  // Focus goes to the summary once it is drawn, after each refused try.
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
        props.onActivated({ message: r.message, ...("username" in r && r.username ? { username: r.username } : {}) });
        return;
      }
      // The server names its fields identifiant and code; a refusal of the pair goes beside the code.
      const named = "errors" in r && r.errors ? (r.errors as Record<string, string | undefined>) : {};
      const beside = Object.entries({ [IDENTIFIER]: named.identifiant, [CODE]: named.code }).filter((e): e is [string, string] => !!e[1]);
      setErrors(beside.length > 0 ? Object.fromEntries(beside) : { [CODE]: r.message });
    } catch (error) {
      setErrors({ [CODE]: flowError(error).message });
    } finally {
      setBusy(false);
    }
    setRefusals((n) => n + 1);
  }

  const field = (name: string, label: string, value: string, onChange: (v: string) => void, more: { hint?: string; numeric?: boolean }) => (
    <FieldShell name={name} label={label} required hint={more.hint} error={errors[name]}>
      <input
        id={fieldId(name)}
        name={name}
        className={more.numeric ? "input input--short" : "input"}
        type="text"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-required
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={describedBy(name, !!more.hint, !!errors[name])}
        spellCheck={false}
        autoCapitalize="none"
        {...(more.numeric
          ? { inputMode: "numeric" as const, autoComplete: "one-time-code", maxLength: 7 }
          : { autoComplete: autofill ? "username" : "off", autoFocus: props.autoFocus })}
      />
    </FieldShell>
  );

  return (
    <form className="activation-form" noValidate onSubmit={(e) => void submit(e)} aria-busy={busy || undefined}>
      <ErrorSummary errors={errors} order={[IDENTIFIER, CODE]} ref={summary} />
      {field(IDENTIFIER, t.identifier, identifiant, setIdentifiant, {})}
      {field(CODE, t.code, code, setCode, { hint: t.codeHint, numeric: true })}
      <button type="submit" className="button" disabled={busy}>
        {t.activate}
      </button>
      <p className="visually-hidden" role="status">
        {busy ? t.activating : ""}
      </p>
    </form>
  );
}
