import { useRef, useState, type FormEvent } from "react";
import type { FlowView } from "@guichet/schema";
import { flowError } from "@guichet/client";
import { useGuichet } from "./GuichetContext";
import { FieldShell } from "./fields/FieldShell";
import { describedBy, fieldId } from "./fields/fieldIds";
import { resumeText } from "./resumeText";
import "./resume.css";

const NAME = "resumeCode";

/** "Reprendre une inscription": the code typed here gives this device the flow, at its step, with every answer. */
export function ResumeCodeForm(props: { readonly onResumed: (view: FlowView) => void; readonly autoFocus?: boolean }) {
  const { client, autofill } = useGuichet();
  const [code, setCode] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!code.trim()) {
      setError(resumeText.codeRequired);
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const view = await client.resume.redeemCode.mutate({ code });
      setError("");
      props.onResumed(view);
    } catch (err) {
      setError(flowError(err).message);
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="resume-form" noValidate onSubmit={(e) => void submit(e)} aria-busy={busy || undefined}>
      <FieldShell name={NAME} label={resumeText.codeLabel} required hint={resumeText.codeHint} error={error || undefined}>
        <input
          ref={input}
          id={fieldId(NAME)}
          name={NAME}
          className="input resume-form__input"
          type="text"
          autoComplete={autofill ? "one-time-code" : "off"}
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
          autoFocus={props.autoFocus}
          aria-required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(NAME, true, !!error)}
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </FieldShell>
      <button type="submit" className="button" disabled={busy}>
        {resumeText.resumeButton}
      </button>
      <p className="visually-hidden" role="status">
        {busy ? resumeText.resuming : ""}
      </p>
    </form>
  );
}
