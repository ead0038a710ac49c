import type { FieldView } from "@guichet/schema";
import { useGuichet } from "../GuichetContext";
import { FieldShell } from "./FieldShell";
import { text, useForm } from "./FormState";
import { inputProps } from "./inputProps";

const types = { text: "text", email: "email", tel: "tel", city: "text" } as const;

// The box's width hints at the answer's length (GOV.UK): a house number is short, a name is not.
const width = (field: FieldView) =>
  field.kind === "tel" || (field.maxLength ?? 100) <= 60 ? ((field.maxLength ?? 100) <= 10 ? " input--short" : " input--medium") : "";

/** A one-line text field: text, e-mail, telephone. */
export function TextInput({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const { autofill } = useGuichet();
  const error = form.errors[field.name];
  const kind = field.kind as keyof typeof types;
  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={field.hint} error={error}>
      <input
        {...inputProps(field, error, autofill)}
        className={`input${width(field)}`}
        type={types[kind] ?? "text"}
        inputMode={field.kind === "tel" ? "tel" : field.kind === "email" ? "email" : undefined}
        spellCheck={field.kind === "email" || field.name === "username" ? false : undefined}
        autoCapitalize={field.kind === "email" || field.name === "username" ? "none" : undefined}
        value={text(form.values[field.name])}
        onChange={(e) => form.set(field.name, e.target.value)}
      />
    </FieldShell>
  );
}
