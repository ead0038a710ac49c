import { fr, type CaptchaView } from "@guichet/schema";
import { ui } from "./catalogue";
import { FieldError } from "./fields/FieldShell";
import { describedBy, fieldId } from "./fields/fieldIds";
import { text, useForm } from "./fields/FormState";

// The server sends each picture as SVG markup: drawn as an image, so none of its text reaches the page.
const imageSrc = (src: string) =>
  src.trimStart().startsWith("<") ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(src)}` : src;

/** CONTRÔLE DE SÉCURITÉ: a grid of pictures to click, or the same check as a question in words (RGAA 1.5). */
export function CaptchaChallenge({ captcha }: { readonly captcha: CaptchaView }) {
  const form = useForm();
  const error = form.errors.answer;
  if (captcha.disabled) return <p className="inset inset--warning">{fr.captcha.disabled}</p>;
  const chosen = text(form.values.cellKey);
  return (
    <>
      <h2 className="heading-m">{fr.captcha.heading}</h2>
      <FieldError name="answer" error={error} />
      <p className="captcha__prompt" id="captcha-prompt">
        {captcha.prompt}
      </p>
      <div className="captcha__grid" role="group" aria-labelledby="captcha-prompt">
        {captcha.cells.map((cell, i) => (
          <button
            key={cell.key}
            id={i === 0 ? fieldId("answer") : undefined}
            type="button"
            className="captcha__cell"
            aria-pressed={chosen === cell.key}
            aria-label={ui.image(i + 1, captcha.cells.length)}
            aria-describedby={i === 0 ? describedBy("answer", false, !!error) : undefined}
            onClick={() => form.patch({ cellKey: chosen === cell.key ? "" : cell.key, text: "" })}
          >
            <img src={imageSrc(cell.src)} alt="" width={96} height={96} />
          </button>
        ))}
      </div>
      <div className="field">
        <label className="field__label" htmlFor={fieldId("text")}>
          {fr.captcha.alternative} <span className="captcha__question">{captcha.question}</span>
        </label>
        <input
          id={fieldId("text")}
          name="text"
          className="input input--medium"
          type="text"
          autoComplete="off"
          value={text(form.values.text)}
          onChange={(e) => form.patch({ text: e.target.value, cellKey: "" })}
        />
      </div>
    </>
  );
}
