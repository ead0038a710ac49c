import type { FieldView } from "@guichet/schema";
import { FieldError, FieldHint, Required } from "./FieldShell";
import { describedBy, fieldId } from "./fieldIds";
import { useForm } from "./FormState";

/** A single box to tick, such as accepting the CGU. */
export function Checkbox({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const error = form.errors[field.name];
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <FieldHint name={field.name} hint={field.hint} />
      <FieldError name={field.name} error={error} />
      <div className="checkbox">
        <input
          id={fieldId(field.name)}
          name={field.name}
          type="checkbox"
          checked={form.values[field.name] === true}
          onChange={(e) => form.set(field.name, e.target.checked)}
          aria-describedby={describedBy(field.name, !!field.hint, !!error)}
          aria-invalid={error ? true : undefined}
          aria-required={field.required || undefined}
        />
        <label htmlFor={fieldId(field.name)}>
          <Required required={field.required} />
          {field.label}
        </label>
      </div>
    </div>
  );
}
