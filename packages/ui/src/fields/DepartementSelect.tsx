import { useCallback } from "react";
import type { FieldView } from "@guichet/schema";
import { ui } from "../catalogue";
import { useGuichet } from "../GuichetContext";
import { placesOf } from "../places";
import { inFrance } from "./CountrySelect";
import { FieldShell } from "./FieldShell";
import { fieldOfKind, text, useForm } from "./FormState";
import { inputProps } from "./inputProps";
import { useList } from "./useList";

/** The département, from the official list; only asked when the country is France. Changing it clears the commune. */
export function DepartementSelect({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const { client, autofill } = useGuichet();
  const places = placesOf(client);
  const france = inFrance(form.values, fieldOfKind(form, "country"));
  const departements = useList(
    useCallback(() => places.departements(), [places]),
    france,
  );
  if (!france) return null;
  const error = form.errors[field.name];
  const value = text(form.values[field.name]);
  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={field.hint} error={error}>
      <select
        {...inputProps(field, error, autofill)}
        className="select"
        value={value}
        onChange={(e) => {
          const commune = fieldOfKind(form, "commune");
          form.patch({ [field.name]: e.target.value, ...(commune ? { [commune]: "" } : {}) });
        }}
      >
        <option value="">{ui.choose}</option>
        {departements.length === 0 && value && <option value={value}>{value}</option>}
        {departements.map((d) => (
          <option key={d.code} value={d.code}>
            {d.code} – {d.nom}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
