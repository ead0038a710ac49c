import type { FieldView } from "@guichet/schema";
import { FieldError, FieldHint, Required } from "./FieldShell";
import { describedBy, fieldId } from "./fieldIds";
import { useForm } from "./FormState";

/** One choice among a few, as a fieldset whose legend is the question (no autocomplete: HTML allows none on a radio). */
export function RadioGroup({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const error = form.errors[field.name];
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <fieldset className="fieldset" aria-describedby={describedBy(field.name, !!field.hint, !!error)}>
        <legend className="field__label">
          <Required required={field.required} />
          {field.label}
        </legend>
        <FieldHint name={field.name} hint={field.hint} />
        <FieldError name={field.name} error={error} />
        <div className="radios">
          {(field.options ?? []).map((o, i) => {
            const id = i === 0 ? fieldId(field.name) : `${fieldId(field.name)}-${i}`;
            return (
              <div className="radio" key={o.value}>
                <input
                  id={id}
                  type="radio"
                  name={field.name}
                  value={o.value}
                  checked={form.values[field.name] === o.value}
                  onChange={() => form.set(field.name, o.value)}
                  aria-invalid={error ? true : undefined}
                />
                <label htmlFor={id}>{o.label}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
