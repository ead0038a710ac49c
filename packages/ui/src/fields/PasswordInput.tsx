import { useState } from "react";
import { passwordChecklist, seedPasswordPolicy, type FieldView } from "@guichet/schema";
import { ui } from "../catalogue";
import { useGuichet } from "../GuichetContext";
import { FieldShell } from "./FieldShell";
import { fieldId } from "./fieldIds";
import { text, useForm } from "./FormState";
import { inputProps } from "./inputProps";
import { PasswordStrengthMeter } from "./PasswordStrengthMeter";
import { PasswordToggle } from "./PasswordToggle";

/** A password field; the step's first new password shows the rules as a live checklist. */
export function PasswordInput({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const { autofill } = useGuichet();
  const error = form.errors[field.name];
  const value = text(form.values[field.name]);
  // The current password asked before a change is no new password: the checklist goes under the new one.
  const first = form.fields.find((f) => f.kind === "password" && f.autocomplete !== "current-password")?.name === field.name;
  const usernameField = form.fields.find((f) => f.autocomplete === "username")?.name;
  const checklistId = `${fieldId(field.name)}-checklist`;
  const [shown, setShown] = useState(false);
  const items = first ? passwordChecklist(value, usernameField ? text(form.values[usernameField]) : "", form.passwordPolicy ?? seedPasswordPolicy) : [];
  return (
    <FieldShell
      name={field.name}
      label={field.label}
      required={field.required}
      hint={field.hint}
      error={error}
      after={
        <>
          <PasswordToggle controls={fieldId(field.name)} shown={shown} onToggle={() => setShown((v) => !v)} />
          {first && (
            <div className="checklist">
              <p className="checklist__title" id={`${checklistId}-title`}>
                {ui.checklistTitle}
              </p>
              <ul id={checklistId} aria-live="polite" className="checklist__items">
                {items.map((item) => (
                  <li key={item.id} className={item.met ? "checklist__item checklist__item--met" : "checklist__item"}>
                    <span className="checklist__mark" aria-hidden="true">
                      {item.met ? "✓" : "✗"}
                    </span>
                    {item.label}
                    <span className="visually-hidden"> : {item.met ? ui.met : ui.unmet}</span>
                  </li>
                ))}
              </ul>
              <PasswordStrengthMeter password={value} username={usernameField ? text(form.values[usernameField]) : ""} />
            </div>
          )}
        </>
      }
    >
      <input
        {...inputProps(field, error, autofill, ...(first ? [checklistId] : []))}
        className="input"
        type={shown ? "text" : "password"}
        autoComplete={autofill ? (field.autocomplete ?? "new-password") : "new-password"}
        spellCheck={false}
        autoCapitalize="none"
        value={value}
        onChange={(e) => form.set(field.name, e.target.value)}
      />
    </FieldShell>
  );
}
