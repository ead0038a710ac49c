import { useEffect, useState } from "react";
import { fr, isUsername, type FieldView } from "@guichet/schema";
import { ui } from "../catalogue";
import { useGuichet } from "../GuichetContext";
import { useDebounced } from "../useDebounced";
import { FieldShell } from "./FieldShell";
import { fieldId } from "./fieldIds";
import { text, useForm } from "./FormState";
import { inputProps } from "./inputProps";

/** Nom d'utilisateur, with its availability told while typing (the server checks again at the end). */
export function UsernameInput({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const { client, autofill } = useGuichet();
  const error = form.errors[field.name];
  const value = text(form.values[field.name]);
  const settled = useDebounced(value.trim(), 400);
  const [available, setAvailable] = useState<{ name: string; ok: boolean } | null>(null);
  useEffect(() => {
    if (!isUsername(settled)) return;
    let live = true;
    client.flow.usernameAvailable.mutate({ token: form.token, username: settled }).then(
      (r) => live && setAvailable({ name: settled, ok: r.available }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, settled, form.token]);
  const statusId = `${fieldId(field.name)}-status`;
  const known = available && available.name === value.trim() ? available : null;
  return (
    <FieldShell
      name={field.name}
      label={field.label}
      required={field.required}
      hint={field.hint}
      error={error}
      after={
        <p id={statusId} className={known && !known.ok ? "field__status field__status--taken" : "field__status"} aria-live="polite">
          {known && !error ? (known.ok ? ui.usernameAvailable : fr.credentials.usernameTaken) : ""}
        </p>
      }
    >
      <input
        {...inputProps(field, error, autofill, statusId)}
        className="input"
        type="text"
        spellCheck={false}
        autoCapitalize="none"
        value={value}
        onChange={(e) => form.set(field.name, e.target.value)}
      />
    </FieldShell>
  );
}
