import { useEffect, useState } from "react";
import { fr, type FieldView } from "@guichet/schema";
import { ui } from "../catalogue";
import { Combobox } from "../Combobox";
import { useGuichet } from "../GuichetContext";
import { placesOf, type Street } from "../places";
import { useDebounced } from "../useDebounced";
import { lookupFailure } from "./lookupFailure";
import { FieldShell } from "./FieldShell";
import { fieldOfKind, text, useForm } from "./FormState";
import { inputProps } from "./inputProps";

/**
 * Nom de la voie: typed, then chosen from the territory's streets, which fills the postal code
 * and the town; "Ma voie n'est pas dans la liste" keeps what was typed.
 */
export function StreetInput({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const { client, autofill } = useGuichet();
  const error = form.errors[field.name];
  const value = text(form.values[field.name]);
  const postalField = fieldOfKind(form, "postalCode");
  const cityField = fieldOfKind(form, "city");
  const postal = postalField ? text(form.values[postalField]) : "";

  const [chosen, setChosen] = useState(value);
  const query = useDebounced(value, 200);
  const [options, setOptions] = useState<ReadonlyArray<Street>>([]);
  const [searching, setSearching] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (query.trim().length < 2 || query === chosen) {
      setOptions([]);
      setFailure(undefined);
      return;
    }
    let live = true;
    setSearching(true);
    placesOf(client)
      .streets(query.trim(), /^\d{5}$/.test(postal) ? postal : undefined)
      .then(
        (list) => {
          if (!live) return;
          setFailure(undefined);
          setOptions(list);
        },
        (error: unknown) => {
          if (!live) return;
          // Refused or unreachable: said in the list, and what was typed stays in the field.
          setFailure(lookupFailure(error));
          setOptions([]);
        },
      )
      .finally(() => live && setSearching(false));
    return () => {
      live = false;
    };
  }, [client, query, postal, chosen]);

  const props = inputProps(field, error, autofill);
  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={field.hint} error={error}>
      <Combobox
        id={props.id}
        name={props.name}
        text={value}
        onText={(t) => form.set(field.name, t)}
        options={options.map((s, i) => ({ ...s, id: `${s.codeInsee}-${i}`, label: s.label }))}
        onChoose={(s) => {
          setChosen(s.nomVoie);
          form.setCityChoices([]);
          form.patch({
            [field.name]: s.nomVoie,
            ...(postalField ? { [postalField]: s.codePostal } : {}),
            ...(cityField ? { [cityField]: s.nomCommune } : {}),
            codeInsee: s.codeInsee,
          });
        }}
        keepTypedLabel={fr.address.voieNotListed}
        emptyLabel={ui.noStreet}
        searching={searching}
        stale={query !== value}
        failure={failure}
        describedBy={props["aria-describedby"]}
        invalid={!!error}
        required={field.required}
        autoComplete={props.autoComplete}
      />
    </FieldShell>
  );
}
