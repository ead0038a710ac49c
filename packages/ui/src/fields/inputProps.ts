import type { FieldView } from "@guichet/schema";
import { describedBy, fieldId } from "./fieldIds";

/** The attributes every control of a field carries: id, name, autocomplete purpose, descriptions, state. */
export function inputProps(field: FieldView, error: string | undefined, autofill: boolean, ...moreDescriptions: string[]) {
  return {
    id: fieldId(field.name),
    name: field.name,
    autoComplete: autofill ? (field.autocomplete ?? "off") : "off",
    "aria-describedby": describedBy(field.name, !!field.hint, !!error, ...moreDescriptions),
    "aria-invalid": error ? (true as const) : undefined,
    "aria-required": field.required ? (true as const) : undefined,
  };
}
