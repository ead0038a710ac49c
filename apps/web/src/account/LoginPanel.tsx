import { useEffect, useRef, useState, type FormEvent } from "react";
import { flowError } from "@guichet/client";
import { FranceConnectButton, OrSeparator, useGuichet } from "@guichet/ui";
import { fr } from "@guichet/schema";
import { forgetFranceConnectNotice, readFranceConnectNotice } from "../franceConnectNotice";
import { AppLink, Notice, TextField } from "./AccountFields";
import { accountText as t } from "./accountText";
import { useMe } from "./useMe";

/**
 * MON ESPACE PERSO: Connexion with username and password, and « J'ai oublié mon mot de passe ». Once logged in, the panel offers
 * the espace and the logout instead. `onLoggedIn` defaults to opening /mon-espace.
 */
export function LoginPanel(props: { readonly navigate: (to: string) => void; readonly username?: string; readonly onLoggedIn?: () => void }) {
  const { client, autofill, tenant } = useGuichet();
  const { me, refresh } = useMe();
  const [username, setUsername] = useState(props.username ?? "");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Back from FranceConnect without a session (no espace for that identity, not yet activated…): why, in French.
  const [refusal, setRefusal] = useState<{ message: string; pending: boolean } | null>(() => {
    const message = readFranceConnectNotice("login");
    return message ? { message, pending: false } : null;
  });
  useEffect(() => forgetFranceConnectNotice(), []);
  const [busy, setBusy] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const notice = useRef<HTMLDivElement>(null);
  // Counts refused attempts: after each, the focus goes to what the citizen must read (the refusal, or the first field
  // in error), never left on the body.
  const [refused, setRefused] = useState(0);
  useEffect(() => {
    if (refused === 0) return;
    if (notice.current) notice.current.focus();
    else form.current?.querySelector<HTMLInputElement>("[aria-invalid=true]")?.focus();
  }, [refused]);

  useEffect(() => {
    if (props.username) passwordInput.current?.focus();
  }, [props.username]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    try {
      const result = await client.account.login.mutate({ username, password });
      setErrors(result.ok ? {} : result.errors);
      if (result.ok) {
        setPassword("");
        await refresh();
        (props.onLoggedIn ?? (() => props.navigate("/mon-espace")))();
      } else {
        if (Object.keys(result.errors).length === 0) setRefusal({ message: result.message, pending: true });
        setRefused((n) => n + 1);
      }
    } catch (error) {
      setErrors({});
      setRefusal({ message: flowError(error).message, pending: false });
      setRefused((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  async function logout() {
    const out = await client.account.logout.mutate().catch(() => undefined);
    // Logged in with FranceConnect: logged out there too (FranceConnect then sends the citizen back to the home page).
    if (out?.franceConnectLogout) return window.location.assign(out.franceConnectLogout);
    await refresh();
    props.navigate("/");
  }

  if (me) {
    return (
      <div className="login">
        <p>{t.loggedInAs(me.displayName)}</p>
        <p>
          <AppLink to="/mon-espace" navigate={props.navigate} className="button">
            {t.goToSpace}
          </AppLink>
        </p>
        <button type="button" className="button button--secondary" onClick={logout}>
          {t.logout}
        </button>
      </div>
    );
  }

  return (
    <>
      {tenant?.franceConnect && (
        <>
          <FranceConnectButton purpose="login" lead={fr.franceConnect.loginLead} />
          <OrSeparator />
        </>
      )}
      <form className="login" onSubmit={submit} noValidate ref={form}>
        {refusal && (
          <Notice kind="error" ref={notice}>
            {refusal.message}
            {refusal.pending && (
              <>
                {" "}
                <AppLink to="/activation" navigate={props.navigate}>
                  {t.enterCode}
                </AppLink>
              </>
            )}
          </Notice>
        )}
        <TextField
          name="login-username"
          label={t.username}
          value={username}
          onChange={setUsername}
          error={errors.username}
          autoComplete={autofill ? "username" : "off"}
          spellCheck={false}
          autoCapitalize="none"
          required
        />
        <TextField
          name="login-password"
          label={t.password}
          type="password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          autoComplete={autofill ? "current-password" : "off"}
          required
          inputRef={passwordInput}
        />
        <ul className="login__links">
          <li>
            <AppLink to="/mot-de-passe-oublie" navigate={props.navigate}>
              {t.forgot}
            </AppLink>
          </li>
          <li>
            <AppLink to="/activation" navigate={props.navigate}>
              {t.activateLink}
            </AppLink>
          </li>
        </ul>
        {/* Not disabled while busy (submit ignores a second press): a disabled button would drop the focus to the body. */}
        <button type="submit" className="button" aria-busy={busy || undefined}>
          {busy ? t.loggingIn : t.login}
        </button>
      </form>
    </>
  );
}
