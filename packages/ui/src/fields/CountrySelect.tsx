import { useCallback } from "react";
import type { FieldView } from "@guichet/schema";
import { useGuichet } from "../GuichetContext";
import { placesOf } from "../places";
import { FieldShell } from "./FieldShell";
import { fieldOfKind, text, useForm } from "./FormState";
import { inputProps } from "./inputProps";
import { useList } from "./useList";

export const FRANCE = "FR";

/** The country, FRANCE by default; a new country clears the département and commune chosen for the old one. */
export function CountrySelect({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const { client, autofill } = useGuichet();
  const places = placesOf(client);
  const countries = useList(useCallback(() => places.countries(), [places]));
  const error = form.errors[field.name];
  const value = text(form.values[field.name]) || FRANCE;
  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={field.hint} error={error}>
      <select
        {...inputProps(field, error, autofill)}
        className="select"
        value={value}
        onChange={(e) => {
          const patch: Record<string, string> = { [field.name]: e.target.value };
          for (const kind of ["departement", "commune"] as const) {
            const linked = fieldOfKind(form, kind);
            if (linked) patch[linked] = "";
          }
          form.patch(patch);
        }}
      >
        {countries.length === 0 && <option value={value}>{value === FRANCE ? "FRANCE" : value}</option>}
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** True when the form's country (if it has one) is France. */
export function inFrance(values: Record<string, string | boolean>, countryField: string | undefined) {
  return !countryField || (text(values[countryField]) || FRANCE) === FRANCE;
}
