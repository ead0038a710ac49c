import { useEffect, useState } from "react";
import type { FieldView } from "@guichet/schema";
import { ui } from "../catalogue";
import { FieldShell } from "./FieldShell";
import { describedBy, fieldId } from "./fieldIds";
import { text, useForm } from "./FormState";

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Photo (optional): sent apart from the step as soon as it is chosen; the server checks it by its content,
 * re-encodes it without metadata and answers an id, which the step then carries.
 */
export function PhotoInput({ field }: { readonly field: FieldView }) {
  const form = useForm();
  const photoId = text(form.values[field.name]);
  const [problem, setProblem] = useState<string>();
  const [status, setStatus] = useState<string>("");
  const [preview, setPreview] = useState<string>();

  // A photo sent earlier (another visit, another device): fetch it to show it again.
  useEffect(() => {
    if (!photoId || preview) return;
    let url: string | undefined;
    fetch(`/api/photo/${encodeURIComponent(photoId)}`, { headers: { "x-guichet-flow": form.token } })
      .then((res) => (res.ok ? res.blob() : undefined))
      .then((blob) => blob && setPreview((url = URL.createObjectURL(blob))))
      .catch(() => undefined);
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [photoId, form.token, preview]);

  async function choose(file: File | undefined) {
    setProblem(undefined);
    if (!file) return;
    if (file.size > MAX_BYTES) return setProblem(ui.photoTooLarge);
    setStatus(ui.photoSending);
    try {
      const res = await fetch("/api/photo", {
        method: "POST",
        headers: { "content-type": file.type || "application/octet-stream", "x-guichet-flow": form.token },
        body: file,
      });
      const body = (await res.json().catch(() => ({}))) as { photoId?: string; error?: { message?: string } };
      if (!res.ok || !body.photoId) {
        setStatus("");
        return setProblem(body.error?.message ?? ui.photoFailed);
      }
      setPreview(URL.createObjectURL(file));
      form.set(field.name, body.photoId);
      setStatus(ui.photoAdded);
    } catch {
      setStatus("");
      setProblem(ui.photoFailed);
    }
  }

  const error = problem ?? form.errors[field.name];
  return (
    <FieldShell name={field.name} label={field.label} required={field.required} hint={ui.photoHint} {...(error ? { error } : {})}>
      <div className="photo">
        <input
          id={fieldId(field.name)}
          type="file"
          accept="image/jpeg,image/png"
          className="photo__input visually-hidden"
          aria-describedby={describedBy(field.name, true, !!error)}
          aria-invalid={error ? true : undefined}
          onChange={(e) => void choose(e.currentTarget.files?.[0])}
        />
        {/* The browser's own file button speaks the browser's language; this one speaks French. */}
        <label htmlFor={fieldId(field.name)} className="button button--secondary photo__pick">
          {ui.photoChoose}
        </label>
        {preview && photoId ? (
          <div className="photo__preview">
            <img src={preview} alt={ui.photoPreview} width={96} />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                form.set(field.name, "");
                setPreview(undefined);
                setStatus("");
              }}
            >
              {ui.photoRemove}
            </button>
          </div>
        ) : null}
        <p className="photo__status" role="status" aria-live="polite">
          {status}
        </p>
      </div>
    </FieldShell>
  );
}
