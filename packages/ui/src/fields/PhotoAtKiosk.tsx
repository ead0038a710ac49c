import type { FieldView } from "@guichet/schema";
import { resumeText } from "../resumeText";
import { text, useForm } from "./FormState";

/** The photo at the kiosk: no files to pick on a shared screen, so the phone is the way (the photo stays optional). */
export function PhotoAtKiosk({ field }: { readonly field: FieldView }) {
  const form = useForm();
  return (
    <div className="field">
      <p className="field__label">{field.label}</p>
      <p className="field__hint">{text(form.values[field.name]) ? resumeText.photoAdded : resumeText.photoAtKiosk}</p>
    </div>
  );
}
