import type { FieldView } from "@guichet/schema";
import { ui } from "../catalogue";
import { useGuichet } from "../GuichetContext";
import { FieldShell } from "./FieldShell";
import { text, useForm } from "./FormState";
import { inputProps } from "./inputProps";

/** A choice from the field's own options. */
export function SelectInput({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const { autofill } = useGuichet();
  const error = form.errors[field.name];
  const value = text(form.values[field.name]);
  const options = field.options ?? [];
  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={field.hint} error={error}>
      <select
        {...inputProps(field, error, autofill)}
        className="select"
        value={value}
        onChange={(e) => form.set(field.name, e.target.value)}
      >
        {!options.some((o) => o.value === value) && <option value="">{ui.choose}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
