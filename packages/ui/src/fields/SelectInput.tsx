import { useEffect } from "react";
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
  // An option that names another field of the step (a contact means: "mobile") is offered once that field is
  // filled in, or when it is required and will be: nobody is offered a means they left empty, then refused.
  const options = (field.options ?? []).filter((o) => {
    const named = form.fields.find((f) => f.name === o.value);
    return !named || named.required || text(form.values[named.name]).trim() !== "";
  });
  const offered = options.some((o) => o.value === value);
  const fallback = options[0]?.value;
  useEffect(() => {
    // A chosen means whose field was emptied gives way to the first one offered (the e-mail).
    if (value && !offered && fallback && form.fields.some((f) => f.name === value)) form.set(field.name, fallback);
  }, [value, offered, fallback, form, field.name]);
  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={field.hint} error={error}>
      <select {...inputProps(field, error, autofill)} className="select" value={value} onChange={(e) => form.set(field.name, e.target.value)}>
        {!offered && <option value="">{ui.choose}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
