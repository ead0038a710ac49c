import { useEffect, useRef, useState, type FormEvent } from "react";
import { flowError } from "@guichet/client";
import { passwordChecklist, type PasswordPolicy } from "@guichet/schema";
import { ui, useGuichet } from "@guichet/ui";
import { AppLink, ErrorSummary, Notice, TextField, forgetJeton, readJeton } from "./AccountFields";
import { accountText as t } from "./accountText";
import { LoginPanel } from "./LoginPanel";

type Link = { status: "checking" } | { status: "valid"; username: string; passwordPolicy: PasswordPolicy } | { status: "refused"; message: string };

/** /nouveau-mot-de-passe#jeton=…: a new password under the sign-up's rules, shown as the same live checklist. */
export function ResetPasswordPage(props: { readonly navigate: (to: string) => void; readonly titleSuffix?: string }) {
  const { client } = useGuichet();
  // Kept in memory only: the address bar loses it at once, the form still needs it.
  const [jeton] = useState(readJeton);
  const [link, setLink] = useState<Link>({ status: "checking" });
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [done, setDone] = useState("");
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = [t.resetTitle, props.titleSuffix].filter(Boolean).join(" – ");
  }, [props.titleSuffix]);

  useEffect(() => {
    if (window.location.search || window.location.hash) forgetJeton();
    if (!jeton) {
      setLink({ status: "refused", message: "" });
      return;
    }
    client.account.resetLink.mutate({ jeton }).then(
      (r) => setLink(r.status === "valid" ? r : { status: "refused", message: r.message }),
      (e: unknown) => setLink({ status: "refused", message: flowError(e).message }),
    );
  }, [client, jeton]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const r = await client.account.resetPassword.mutate({ jeton, password, confirmation });
      if (r.ok) {
        setDone(r.message);
        return;
      }
      if ("errors" in r) setErrors({ "reset-password": r.errors.password, "reset-confirmation": r.errors.confirmation });
      else setLink({ status: "refused", message: r.message });
    } catch (err) {
      setErrors({ "reset-password": flowError(err).message });
    }
    requestAnimationFrame(() => summary.current?.focus());
  }

  const heading = <h1 className="flow__heading">{t.resetTitle}</h1>;
  if (link.status === "checking")
    return (
      <div className="flow account">
        {heading}
        <p role="status">{t.checking}</p>
      </div>
    );
  if (done && link.status === "valid") {
    return (
      <div className="flow account">
        {heading}
        <Notice kind="ok">{done}</Notice>
        <LoginPanel navigate={props.navigate} username={link.username} />
      </div>
    );
  }
  if (link.status === "refused") {
    return (
      <div className="flow account">
        {heading}
        {link.message && <Notice kind="error">{link.message}</Notice>}
        <p>
          <AppLink to="/mot-de-passe-oublie" navigate={props.navigate} className="button">
            {t.resetAgain}
          </AppLink>
        </p>
      </div>
    );
  }

  const checklist = passwordChecklist(password, link.username, link.passwordPolicy);
  return (
    <div className="flow account">
      {heading}
      <p className="lead">{t.resetIntro(link.username)}</p>
      <ErrorSummary errors={errors} ref={summary} />
      <form onSubmit={submit} noValidate>
        {/* For password managers: the account the new password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={link.username} readOnly hidden />
        <TextField
          name="reset-password"
          label={t.newPassword}
          type="password"
          value={password}
          onChange={setPassword}
          error={errors["reset-password"]}
          autoComplete="new-password"
          aria-describedby="reset-checklist"
          after={
            <div className="checklist">
              <p className="checklist__title" id="reset-checklist-title">
                {ui.checklistTitle}
              </p>
              <ul id="reset-checklist" aria-live="polite" className="checklist__items">
                {checklist.map((item) => (
                  <li key={item.id} className={item.met ? "checklist__item checklist__item--met" : "checklist__item"}>
                    <span className="checklist__mark" aria-hidden="true">
                      {item.met ? "✓" : "✗"}
                    </span>
                    {item.label}
                    <span className="visually-hidden"> : {item.met ? ui.met : ui.unmet}</span>
                  </li>
                ))}
              </ul>
            </div>
          }
        />
        <TextField
          name="reset-confirmation"
          label={t.confirmation}
          type="password"
          value={confirmation}
          onChange={setConfirmation}
          error={errors["reset-confirmation"]}
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {t.resetSave}
        </button>
      </form>
    </div>
  );
}
