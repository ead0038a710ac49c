import type { FieldView } from "@guichet/schema";
import { useGuichet } from "../GuichetContext";
import { FieldShell } from "./FieldShell";
import { text, useForm } from "./FormState";
import { inputProps } from "./inputProps";

/**
 * As typed on a numeric keypad, which has no "/": "01051975" shows as "01/05/1975".
 * Text typed with slashes of its own ("1/5/1975") is left alone, and padded when the field is left.
 */
export function formatDateTyping(raw: string): string {
  const parts = raw.split("/");
  const ours = /^[\d/]*$/.test(raw) && parts.slice(0, -1).every((p) => p.length === 2);
  if (!ours) return raw;
  const d = raw.replace(/\D/g, "").slice(0, 8);
  return [d.slice(0, 2), d.slice(2, 4), d.slice(4, 8)].filter((p, i) => i === 0 || p.length > 0).join("/");
}

export function padDate(raw: string): string {
  const m = /^\s*(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})\s*$/.exec(raw);
  return m ? `${m[1]!.padStart(2, "0")}/${m[2]!.padStart(2, "0")}/${m[3]}` : raw;
}

/** A date as JJ/MM/AAAA in a text field: easier to type than three boxes or a calendar, on any device. */
export function DateInput({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const { autofill } = useGuichet();
  const error = form.errors[field.name];
  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={field.hint} error={error}>
      <input
        {...inputProps(field, error, autofill)}
        className="input input--date"
        type="text"
        inputMode="numeric"
        maxLength={10}
        value={text(form.values[field.name])}
        onChange={(e) => form.set(field.name, formatDateTyping(e.target.value))}
        onBlur={(e) => form.set(field.name, padDate(e.target.value))}
      />
    </FieldShell>
  );
}
