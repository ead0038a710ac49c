import { fr, type CaptchaView } from "@guichet/schema";
import { ui } from "./catalogue";
import { FieldError } from "./fields/FieldShell";
import { describedBy, fieldId } from "./fields/fieldIds";
import { text, useForm } from "./fields/FormState";

/**
 * CONTRÔLE DE SÉCURITÉ: a grid of pictures to click, or the same check as a question in words
 * (RGAA 1.5); with CaptchEtat, characters to copy from an image or to type from its sound. The
 * pictures are raster images named in words above the grid, so each has an empty alternative; each is a
 * native radio button drawn as the picture (one Tab stop, arrow keys between them, "Image n sur N").
 */
export function CaptchaChallenge({ captcha }: { readonly captcha: CaptchaView }) {
  const form = useForm();
  const error = form.errors.answer;
  if (captcha.disabled) return <p className="inset inset--warning">{fr.captcha.disabled}</p>;
  if (captcha.kind === "wait") {
    return (
      <p className="inset inset--warning" role="status">
        {captcha.message}
      </p>
    );
  }
  if (captcha.kind === "characters") {
    return (
      <>
        <h2 className="heading-m">{fr.captcha.characters}</h2>
        <FieldError name="answer" error={error} />
        <img className="captcha__characters" src={captcha.image} alt="" />
        {captcha.audio && (
          <div className="field">
            <p className="field__label" id="captcha-listen">
              {fr.captcha.listen}
            </p>
            <audio controls src={captcha.audio} aria-labelledby="captcha-listen" />
          </div>
        )}
        <div className="field">
          <label className="field__label" htmlFor={fieldId("text")}>
            {fr.captcha.charactersLabel}
          </label>
          <input
            id={fieldId("text")}
            name="text"
            className="input input--medium"
            type="text"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-describedby={describedBy("answer", false, !!error)}
            value={text(form.values.text)}
            onChange={(e) => form.patch({ text: e.target.value })}
          />
        </div>
      </>
    );
  }
  const chosen = text(form.values.cellKey);
  return (
    <>
      <h2 className="heading-m">{fr.captcha.heading}</h2>
      <fieldset className="captcha__pictures" aria-describedby={describedBy("answer", false, !!error)}>
        <legend className="captcha__prompt" id="captcha-prompt">
          {captcha.prompt}
        </legend>
        <FieldError name="answer" error={error} />
        <div className="captcha__grid">
          {captcha.cells.map((cell, i) => (
            <label key={cell.key} className="captcha__cell">
              <input
                id={i === 0 ? fieldId("answer") : undefined}
                className="captcha__radio"
                type="radio"
                name="cellKey"
                value={cell.key}
                checked={chosen === cell.key}
                aria-invalid={error ? true : undefined}
                onChange={() => form.patch({ cellKey: cell.key, text: "" })}
              />
              <img src={cell.src} alt="" width={160} height={160} />
              <span className="visually-hidden">{ui.image(i + 1, captcha.cells.length)}</span>
            </label>
          ))}
        </div>
      </fieldset>
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
