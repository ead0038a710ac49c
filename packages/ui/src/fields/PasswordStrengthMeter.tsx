import { useEffect, useState } from "react";
import { ui } from "../catalogue";
import { useGuichet } from "../GuichetContext";
import { useDebounced } from "../useDebounced";
import { useForm } from "./FormState";

interface Estimate {
  readonly password: string;
  readonly score: number;
  readonly warning: string;
}

/**
 * The server's strength estimate, asked once the typist pauses and told politely. Advice only: it never blocks
 * SUIVANT (the checklist's rules do), and says nothing when the server refuses or is busy.
 */
export function PasswordStrengthMeter(props: { readonly password: string; readonly username: string }) {
  const form = useForm();
  const { client } = useGuichet();
  const settled = useDebounced(props.password, 500);
  const username = useDebounced(props.username.trim(), 500);
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  useEffect(() => {
    if (!settled) return;
    let live = true;
    client.flow.passwordStrength.mutate({ token: form.token, password: settled, ...(username ? { username } : {}) }).then(
      (r) => live && setEstimate(r.score === null ? null : { password: settled, score: Math.max(0, Math.min(4, r.score)), warning: r.warning }),
      () => live && setEstimate(null),
    );
    return () => {
      live = false;
    };
  }, [client, settled, username, form.token]);
  // Only the estimate of the password as it stands: a stale one is no advice.
  const shown = estimate && estimate.password === props.password ? estimate : null;
  const level = shown ? ui.strength.levels[shown.score] : "";
  return (
    <div className="strength" aria-live="polite">
      {shown && (
        <>
          <div className={`strength__bar strength__bar--${shown.score}`} aria-hidden="true">
            <span />
          </div>
          <p className="strength__text">
            {ui.strength.title} <strong>{level}</strong>
            {shown.warning ? `. ${shown.warning}` : ""}
          </p>
        </>
      )}
    </div>
  );
}
