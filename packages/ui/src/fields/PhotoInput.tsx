import type { FieldView } from "@guichet/schema";
import { ui } from "../catalogue";
import { FieldShell } from "./FieldShell";
import { fieldId, hintId } from "./fieldIds";

/** Photo: optional; the upload (re-encoded, stripped of metadata) is not offered yet, so the button is shown disabled. */
export function PhotoInput({ field }: { readonly field: FieldView }) {
  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={ui.photoSoon}>
      <button id={fieldId(field.name)} type="button" className="button button--secondary" disabled aria-describedby={hintId(field.name)}>
        {ui.photoChoose}
      </button>
    </FieldShell>
  );
}
