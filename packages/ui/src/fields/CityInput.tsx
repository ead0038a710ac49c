import type { FieldView } from "@guichet/schema";
import { ui } from "../catalogue";
import { useGuichet } from "../GuichetContext";
import { FieldShell } from "./FieldShell";
import { text, useForm } from "./FormState";
import { inputProps } from "./inputProps";

/** Ville: filled from the postal code or the street; a list when several communes share the postal code. */
export function CityInput({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const { autofill } = useGuichet();
  const error = form.errors[field.name];
  const value = text(form.values[field.name]);
  const choices = form.cityChoices;
  if (choices.length > 1) {
    return (
      <FieldShell name={field.name} label={field.label} required={field.required} hint={ui.cityChoice} error={error}>
        <select
          {...inputProps({ ...field, hint: ui.cityChoice }, error, autofill)}
          className="select"
          value={value}
          onChange={(e) => {
            const c = choices.find((x) => x.nom === e.target.value);
            form.patch({ [field.name]: e.target.value, codeInsee: c?.code ?? "" });
          }}
        >
          <option value="">{ui.choose}</option>
          {choices.map((c) => (
            <option key={c.code} value={c.nom}>
              {c.nom}
            </option>
          ))}
        </select>
      </FieldShell>
    );
  }
  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={field.hint} error={error}>
      <input
        {...inputProps(field, error, autofill)}
        className="input"
        type="text"
        value={value}
        onChange={(e) => form.patch({ [field.name]: e.target.value, codeInsee: "" })}
      />
    </FieldShell>
  );
}
