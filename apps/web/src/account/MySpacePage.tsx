import { useEffect, useRef, useState, type FormEvent } from "react";
import { flowError } from "@guichet/client";
import { ui, useGuichet } from "@guichet/ui";
import { Notice, TextField } from "./AccountFields";
import { accountText as t } from "./accountText";
import { LoginPanel } from "./LoginPanel";
import { useMe, type Me } from "./useMe";

/** /mon-espace: identity, address, contacts and service keys of the logged-in citizen, and a way to add a key. */
export function MySpacePage(props: { readonly navigate: (to: string) => void; readonly titleSuffix?: string }) {
  const { client } = useGuichet();
  const { me, refresh } = useMe();

  useEffect(() => {
    document.title = [t.spaceTitle, props.titleSuffix].filter(Boolean).join(" – ");
  }, [props.titleSuffix]);

  if (me === undefined) return <p role="status">{ui.loading}</p>;
  if (me === null) {
    return (
      <div className="flow account">
        <h1 className="flow__heading">{t.spaceTitle}</h1>
        <p className="lead">{t.notLoggedIn}</p>
        <LoginPanel navigate={props.navigate} onLoggedIn={() => undefined} />
      </div>
    );
  }

  async function logout() {
    await client.account.logout.mutate().catch(() => undefined);
    await refresh();
    props.navigate("/");
  }

  return (
    <div className="flow account">
      <h1 className="flow__heading">{t.spaceTitle}</h1>
      <p className="lead">{t.hello(me.displayName)}</p>
      {me.photo && (
        <figure className="photo__preview">
          <img src="/api/account/photo" alt={t.photo} width={96} />
        </figure>
      )}
      {me.groups.map((group, i) => (
        // An id by position: a group's title has spaces, which an id may not.
        <section key={group.title} className="review-group" aria-labelledby={`group-${i}`}>
          <h2 className="heading-m" id={`group-${i}`}>
            {group.title}
          </h2>
          <dl className="summary-list">
            {group.items.map((item) => (
              <div key={item.label} className="summary-list__row">
                <dt className="summary-list__key">{item.label}</dt>
                <dd className="summary-list__value">{item.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <Services me={me} />
      <MyData />
      <p>
        <button type="button" className="button button--secondary" onClick={logout}>
          {t.logout}
        </button>
      </p>
    </div>
  );
}

/** "Mes données": everything held about the citizen, as a page to read or print and as a JSON file (served by the session only). */
function MyData() {
  return (
    <section className="review-group" aria-labelledby="data-title">
      <h2 className="heading-m" id="data-title">
        {t.dataTitle}
      </h2>
      <p>{t.dataIntro}</p>
      <ul>
        <li>
          <a href="/api/account/mes-donnees.html" download>
            {t.dataHtml}
          </a>
        </li>
        <li>
          <a href="/api/account/mes-donnees.json" download>
            {t.dataJson}
          </a>
        </li>
      </ul>
    </section>
  );
}

/** The service keys: shown when known, a field to add one when not. */
function Services({ me }: { readonly me: Me & object }) {
  return (
    <section className="review-group" aria-labelledby="services-title">
      <h2 className="heading-m" id="services-title">
        {t.servicesTitle}
      </h2>
      <p>{t.servicesIntro}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t.service}</th>
            <th scope="col">{t.key}</th>
          </tr>
        </thead>
        <tbody>
          {me.services.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.label}</th>
              <td>{s.key ? <span className="key">{s.key}</span> : <AddKey serviceId={s.id} label={s.label} contact={s.contact} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AddKey(props: { readonly serviceId: string; readonly label: string; readonly contact: string }) {
  const { client } = useGuichet();
  const { replace } = useMe();
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState("");
  const input = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const r = await client.account.addServiceKey.mutate({ serviceId: props.serviceId, key });
      if (r.ok) {
        setDone(r.message);
        replace(r.account);
      } else {
        setError(Object.values(r.errors)[0]);
        input.current?.focus();
      }
    } catch (err) {
      setError(flowError(err).message);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="account__key">
      {done && <Notice kind="ok">{done}</Notice>}
      <TextField
        name={`key-${props.serviceId}`}
        label={t.keyFor(props.label)}
        hint={t.noKey(props.contact)}
        value={key}
        onChange={setKey}
        error={error}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        inputRef={input}
      />
      <button type="submit" className="button button--small">
        {t.addKey}
      </button>
    </form>
  );
}
