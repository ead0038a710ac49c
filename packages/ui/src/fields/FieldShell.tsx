import type { ReactNode } from "react";
import { ui } from "../catalogue";
import { errorId, fieldId, hintId } from "./fieldIds";

export function Required({ required }: { readonly required: boolean }) {
  return required ? (
    <span className="required" aria-hidden="true">
      *{" "}
    </span>
  ) : null;
}

export function FieldError({ name, error }: { readonly name: string; readonly error?: string }) {
  return error ? (
    <p id={errorId(name)} className="field__error">
      <span className="visually-hidden">{ui.errorPrefix} </span>
      {error}
    </p>
  ) : null;
}

export function FieldHint({ name, hint }: { readonly name: string; readonly hint?: string }) {
  return hint ? (
    <p id={hintId(name)} className="field__hint">
      {hint}
    </p>
  ) : null;
}

/** Label, hint, error, then the control: the GOV.UK order, so the error is read before the input. */
export function FieldShell(props: {
  readonly name: string;
  readonly label: string;
  readonly required: boolean;
  readonly hint?: string;
  readonly error?: string;
  readonly children: ReactNode;
  readonly after?: ReactNode;
}) {
  return (
    <div className={`field${props.error ? " field--error" : ""}`}>
      <label className="field__label" htmlFor={fieldId(props.name)}>
        <Required required={props.required} />
        {props.label}
      </label>
      <FieldHint name={props.name} hint={props.hint} />
      <FieldError name={props.name} error={props.error} />
      {props.children}
      {props.after}
    </div>
  );
}
