import { createContext, useContext } from "react";
import type { FieldErrors, FieldView, PasswordPolicy } from "@guichet/schema";
import type { Commune } from "../places";

export type Values = Record<string, string | boolean>;

/** The step's form as its fields see it: every value, so that linked fields (country → commune) can follow each other. */
export interface FormState {
  readonly token: string;
  readonly fields: ReadonlyArray<FieldView>;
  readonly values: Values;
  readonly errors: FieldErrors;
  readonly passwordPolicy?: PasswordPolicy;
  set(name: string, value: string | boolean): void;
  patch(values: Values): void;
  /** Communes sharing the postal code just typed, when there are several: the Ville field offers them. */
  readonly cityChoices: ReadonlyArray<Commune>;
  setCityChoices(communes: ReadonlyArray<Commune>): void;
}

export const FormContext = createContext<FormState | null>(null);

export function useForm(): FormState {
  const form = useContext(FormContext);
  if (!form) throw new Error("a field needs its form");
  return form;
}

/** The name of the first field of a kind in this step ("country", "postalCode"…), if any. */
export const fieldOfKind = (form: FormState, kind: FieldView["kind"]) => form.fields.find((f) => f.kind === kind)?.name;

export const text = (v: string | boolean | undefined) => (typeof v === "string" ? v : "");
