import { useEffect, useRef, useState } from "react";
import type { FieldView } from "@guichet/schema";
import { ui } from "../catalogue";
import { Combobox } from "../Combobox";
import { useGuichet } from "../GuichetContext";
import { placesOf, type Commune } from "../places";
import { useDebounced } from "../useDebounced";
import { lookupFailure } from "./lookupFailure";
import { communeName, isInseeCode, rememberCommune } from "./communeNames";
import { inFrance } from "./CountrySelect";
import { FieldShell } from "./FieldShell";
import { fieldOfKind, text, useForm } from "./FormState";
import { inputProps } from "./inputProps";

// A chosen commune is stored as its INSEE code; the view names it (valueLabel), this tab may remember it too.
const display = (value: string, field: FieldView) =>
  isInseeCode(value) ? (communeName(value) ?? (field.value === value ? field.valueLabel : undefined) ?? value) : value;

/**
 * In France, a commune chosen from the official list (stored as its INSEE code), narrowed to the
 * département when one is chosen; choosing a commune also fills its département. Abroad, free text.
 */
export function CommuneInput({ field: given }: { readonly field: FieldView }) {
  const form = useForm();
  const { client, autofill } = useGuichet();
  const error = form.errors[given.name];
  const value = text(form.values[given.name]);
  const france = inFrance(form.values, fieldOfKind(form, "country"));
  const departementField = fieldOfKind(form, "departement");
  const departement = departementField ? text(form.values[departementField]) : "";
  // Without a département the list spans all of France: the field says so rather than nothing.
  const field = france && departementField && !departement && !given.hint ? { ...given, hint: ui.communeAnyDepartement } : given;

  const [typed, setTyped] = useState(() => display(value, field));
  const ours = useRef(value);
  useEffect(() => {
    // Cleared or set from elsewhere (a new country or département): show it.
    if (value !== ours.current) {
      ours.current = value;
      setTyped(display(value, field));
    }
  }, [value]);

  const query = useDebounced(typed, 200);
  const [options, setOptions] = useState<ReadonlyArray<Commune>>([]);
  const [searching, setSearching] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!france || query.trim().length < 2 || (isInseeCode(value) && query === display(value, field))) {
      setOptions([]);
      setFailure(undefined);
      return;
    }
    let live = true;
    setSearching(true);
    placesOf(client)
      .communes(query.trim(), departement || undefined)
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
  }, [client, france, query, departement, value]);

  const setValue = (v: string) => {
    ours.current = v;
    form.set(field.name, v);
  };

  if (!france) {
    return (
      <FieldShell name={field.name} label={field.label} required={field.required} hint={field.hint} error={error}>
        <input
          {...inputProps(field, error, autofill)}
          className="input"
          type="text"
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            setValue(e.target.value);
          }}
        />
      </FieldShell>
    );
  }
  const props = inputProps(field, error, autofill);
  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={field.hint} error={error}>
      <Combobox
        id={props.id}
        name={props.name}
        text={typed}
        onText={(t) => {
          setTyped(t);
          setValue(t);
        }}
        options={options.map((c) => ({ ...c, id: c.code, label: `${c.nom} (${c.departement})` }))}
        onChoose={(c) => {
          rememberCommune(c.code, c.nom);
          setTyped(c.nom);
          ours.current = c.code;
          form.patch({ [field.name]: c.code, ...(departementField ? { [departementField]: c.departement } : {}) });
        }}
        emptyLabel={ui.noCommune}
        searching={searching}
        stale={query !== typed}
        failure={failure}
        describedBy={props["aria-describedby"]}
        invalid={!!error}
        required={field.required}
        autoComplete={props.autoComplete}
      />
    </FieldShell>
  );
}
