import { forwardRef, useState, type InputHTMLAttributes, type ReactNode, type Ref } from "react";
import { fr } from "@guichet/schema";
import { PasswordToggle, ui } from "@guichet/ui";

const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/** One labelled input with its hint and its French error, in the GOV.UK order the flow's fields use; a password can be shown. */
export function TextField(
  props: {
    readonly name: string;
    readonly label: string;
    readonly hint?: string;
    readonly error?: string | undefined;
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly after?: ReactNode;
    readonly inputRef?: Ref<HTMLInputElement>;
  } & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "name">,
) {
  const { name, label, hint, error, value, onChange, after, inputRef, ...input } = props;
  const id = idOf(name);
  const [shown, setShown] = useState(false);
  const password = input.type === "password";
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : "", input["aria-describedby"] ?? ""].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span className="visually-hidden">{ui.errorPrefix} </span>
          {error}
        </p>
      )}
      <input
        className="input"
        {...input}
        type={password && shown ? "text" : (input.type ?? "text")}
        ref={inputRef}
        id={id}
        name={name}
        value={value}
        aria-describedby={described || undefined}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {password && <PasswordToggle controls={id} shown={shown} onToggle={() => setShown((v) => !v)} />}
      {after}
    </div>
  );
}

/** "Champs mal renseignés" and a link to each field, focused after a refused form (as in the flow). */
export const ErrorSummary = forwardRef<HTMLDivElement, { readonly errors: Record<string, string | undefined> }>(function ErrorSummary({ errors }, ref) {
  const names = Object.keys(errors).filter((n) => errors[n]);
  if (names.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby={`${names[0]}-summary-title`}>
      <h2 className="error-summary__title" id={`${names[0]}-summary-title`}>
        {fr.errorSummaryTitle}
      </h2>
      <ul className="error-summary__list">
        {names.map((n) => (
          <li key={n}>
            <a
              href={`#${idOf(n)}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(idOf(n))?.focus();
              }}
            >
              {errors[n]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
});

/** A sentence from the server: a success, or a refusal read out at once (which a page may focus: tabIndex -1). */
export const Notice = forwardRef<HTMLDivElement, { readonly kind: "ok" | "error"; readonly children: ReactNode }>(function Notice({ kind, children }, ref) {
  return kind === "error" ? (
    <div className="notice notice--error" role="alert" ref={ref} tabIndex={-1}>
      {children}
    </div>
  ) : (
    <div className="notice" role="status">
      {children}
    </div>
  );
});

/** An in-app link: the address works in a new tab, a plain click stays in the page. */
export function AppLink({
  to,
  navigate,
  children,
  className,
}: {
  readonly to: string;
  readonly navigate: (to: string) => void;
  readonly children: ReactNode;
  readonly className?: string;
}) {
  return (
    <a
      href={to}
      className={className}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/**
 * The `jeton` of the address. E-mailed links carry it after `#` (#jeton=…), which the browser never sends to a
 * server, so no proxy or server log holds it; links sent before carried it as ?jeton=… and still work.
 */
export const readJeton = () =>
  new URLSearchParams(window.location.hash.slice(1)).get("jeton") ?? new URLSearchParams(window.location.search).get("jeton") ?? "";

/** Takes the secret out of the address bar once it is read, so it stays out of history and bookmarks. */
export const forgetJeton = () => window.history.replaceState(window.history.state, "", window.location.pathname);
