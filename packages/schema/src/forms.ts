/** How a UI should draw a field; special kinds need a lookup (countries, communes, streets…). */
export type FieldKind =
  | "text"
  | "email"
  | "tel"
  | "password"
  | "checkbox"
  | "radio"
  | "select"
  | "date"
  | "country"
  | "departement"
  | "commune"
  | "street"
  | "postalCode"
  | "city"
  | "photo";

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** The HTML autocomplete purpose (RGAA 11.13). */
  readonly autocomplete?: string;
  readonly hint?: string;
  readonly options?: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly maxLength?: number;
}
