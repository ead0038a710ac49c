import { fr, type FieldView } from "@guichet/schema";
import { useGuichet } from "../GuichetContext";
import { useDebounced } from "../useDebounced";
import { emailSuggestion } from "./emailSuggestion";
import { FieldShell } from "./FieldShell";
import { text, useForm } from "./FormState";
import { inputProps } from "./inputProps";

/** Courriel, with a suggestion when the domain looks mistyped ("Vouliez-vous dire …@gmail.com ?"). */
export function EmailInput({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const { autofill } = useGuichet();
  const error = form.errors[field.name];
  const value = text(form.values[field.name]);
  const suggestion = emailSuggestion(useDebounced(value, 600));
  return (
    <FieldShell
      name={field.name}
      label={field.label}
      required={field.required}
      hint={field.hint}
      error={error}
      after={
        <div aria-live="polite">
          {suggestion && suggestion !== value.trim() && (
            <button type="button" className="link-button suggestion" onClick={() => form.set(field.name, suggestion)}>
              {fr.contacts.didYouMean(suggestion)}
            </button>
          )}
        </div>
      }
    >
      <input
        {...inputProps(field, error, autofill)}
        className="input"
        type="email"
        inputMode="email"
        spellCheck={false}
        autoCapitalize="none"
        value={value}
        onChange={(e) => form.set(field.name, e.target.value)}
      />
    </FieldShell>
  );
}
