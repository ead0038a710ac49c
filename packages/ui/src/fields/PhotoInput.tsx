import type { FieldView } from "@guichet/schema";
import { ui } from "../catalogue";
import { FieldShell } from "./FieldShell";
import { fieldId } from "./fieldIds";

/** Photo: optional; the upload (re-encoded, stripped of metadata) is not offered yet. */
export function PhotoInput({ field }: { readonly field: FieldView }) {
  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={ui.photoSoon}>
      <input
        id={fieldId(field.name)}
        type="file"
        className="file"
        accept="image/jpeg,image/png"
        disabled
        aria-describedby={`${fieldId(field.name)}-hint`}
      />
    </FieldShell>
  );
}
