import { useEffect, useRef } from "react";
import type { FieldView } from "@guichet/schema";
import { useGuichet } from "../GuichetContext";
import { placesOf } from "../places";
import { inFrance } from "./CountrySelect";
import { FieldShell } from "./FieldShell";
import { fieldOfKind, text, useForm } from "./FormState";
import { inputProps } from "./inputProps";

/** Code postal: once 5 digits are typed, the town is filled in, or offered as a choice when several share the code. */
export function PostalCodeInput({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const { client, autofill } = useGuichet();
  const error = form.errors[field.name];
  const value = text(form.values[field.name]);
  const cityField = fieldOfKind(form, "city");
  const france = inFrance(form.values, fieldOfKind(form, "country"));
  const typed = useRef(false);
  const formRef = useRef(form);
  formRef.current = form;

  useEffect(() => {
    if (!typed.current || !france || !/^\d{5}$/.test(value)) return;
    let live = true;
    placesOf(client)
      .postalCode(value)
      .then(
        (communes) => {
          if (!live || !cityField) return;
          const f = formRef.current;
          const city = text(f.values[cityField]);
          if (communes.length === 1) {
            f.setCityChoices([]);
            f.patch({ [cityField]: communes[0]!.nom, codeInsee: communes[0]!.code });
          } else if (communes.length > 1) {
            f.setCityChoices(communes);
            const kept = communes.find((c) => c.nom.toLowerCase() === city.toLowerCase());
            f.patch({ [cityField]: kept?.nom ?? "", codeInsee: kept?.code ?? "" });
          }
        },
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [client, value, france, cityField]);

  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={field.hint} error={error}>
      <input
        {...inputProps(field, error, autofill)}
        className="input input--short"
        type="text"
        inputMode={france ? "numeric" : undefined}
        value={value}
        onChange={(e) => {
          typed.current = true;
          form.set(field.name, e.target.value);
          if (!/^\d{5}$/.test(e.target.value)) form.setCityChoices([]);
        }}
      />
    </FieldShell>
  );
}
