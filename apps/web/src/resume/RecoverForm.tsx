import { useRef, useState, type FormEvent } from "react";
import { flowError, useProofOfWork, withProofOfWork, type GuichetClient } from "@guichet/client";
import { fr, isEmail } from "@guichet/schema";
import { Notice, TextField } from "../account/AccountFields";
import { webText as t } from "../webText";

/**
 * "Retrouver mon inscription": for a citizen who lost both the code and the device. The server answers one
 * sentence whether or not the address has a sign-up in progress, and sends each one's link there.
 */
export function RecoverForm(props: { readonly client: GuichetClient }) {
  const { client } = props;
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [answer, setAnswer] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // The e-mail costs a proof of work: solved while the citizen types.
  useProofOfWork(client, "mail");

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    // Checked here first, with the sign-up's own sentence: no solution is spent on a typo.
    if (!isEmail(email)) {
      setError(fr.contacts.courrielFormat);
      setAnswer(null);
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const r = await withProofOfWork(client, "mail", (pow) => client.resume.recover.mutate({ email, ...(pow ? { pow } : {}) }));
      setError(undefined);
      setAnswer({ ok: true, message: r.message });
    } catch (err) {
      setAnswer({ ok: false, message: flowError(err).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="inset" aria-labelledby="recover-title">
      <h2 className="heading-m" id="recover-title">
        {t.recoverTitle}
      </h2>
      {answer && <Notice kind={answer.ok ? "ok" : "error"}>{answer.message}</Notice>}
      <p>{t.recoverIntro}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          name="recover-email"
          label={t.recoverEmail}
          type="email"
          value={email}
          onChange={setEmail}
          error={error}
          inputRef={input}
          autoComplete="email"
          spellCheck={false}
          autoCapitalize="none"
        />
        <button type="submit" className="button button--secondary" disabled={busy}>
          {t.recoverSend}
        </button>
      </form>
    </section>
  );
}
