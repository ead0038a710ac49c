import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { flowError, type GuichetClient } from "@guichet/client";
import { ConfirmDialog, ui, useGuichet } from "@guichet/ui";
import { demarchePath, handOver } from "./DemarchePage";
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
    const out = await client.account.logout.mutate().catch(() => undefined);
    // Logged in with FranceConnect: logged out there too (FranceConnect then sends the citizen back to the home page).
    if (out?.franceConnectLogout) return window.location.assign(out.franceConnectLogout);
    await refresh();
    props.navigate("/");
  }

  // What a citizen comes for first, on a phone too: the démarches under way and the logout, then what is held about them.
  return (
    <div className="flow account">
      <div className="account__top">
        <h1 className="flow__heading">{t.spaceTitle}</h1>
        <p className="lead">{t.hello(me.displayName)}</p>
        <button type="button" className="button button--secondary account__logout" onClick={logout}>
          {t.logout}
        </button>
      </div>
      <Demarches navigate={props.navigate} />
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
    </div>
  );
}

type MenuEntry = Awaited<ReturnType<GuichetClient["myspace"]["demarches"]["query"]>>[number];
type Pending = Awaited<ReturnType<GuichetClient["myspace"]["pending"]["query"]>>[number];

const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

/** MES DÉMARCHES (the menu) and MES DÉMARCHES EN COURS (Reprendre, Abandonner). */
function Demarches(props: { readonly navigate: (to: string) => void }) {
  const { client } = useGuichet();
  const [menu, setMenu] = useState<ReadonlyArray<MenuEntry>>([]);
  const [pending, setPending] = useState<ReadonlyArray<Pending>>([]);
  const [abandoning, setAbandoning] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; message: string } | null>(null);

  const load = useCallback(async () => {
    try {
      const [m, p] = await Promise.all([client.myspace.demarches.query(), client.myspace.pending.query()]);
      setMenu(m);
      setPending(p);
    } catch (e) {
      setNotice({ ok: false, message: flowError(e).message });
    }
  }, [client]);
  useEffect(() => {
    let live = true;
    Promise.all([client.myspace.demarches.query(), client.myspace.pending.query()]).then(
      ([m, p]) => {
        if (!live) return;
        setMenu(m);
        setPending(p);
      },
      (e: unknown) => live && setNotice({ ok: false, message: flowError(e).message }),
    );
    return () => {
      live = false;
    };
  }, [client]);

  async function resume(p: Pending) {
    try {
      handOver(await client.myspace.resume.mutate({ flowId: p.flowId }));
      props.navigate(demarchePath(p.kind));
    } catch (e) {
      setNotice({ ok: false, message: flowError(e).message });
      void load();
    }
  }

  async function abandon(p: Pending) {
    setAbandoning(null);
    try {
      setNotice({ ok: true, message: (await client.myspace.abandon.mutate({ flowId: p.flowId })).message });
    } catch (e) {
      setNotice({ ok: false, message: flowError(e).message });
    }
    void load();
  }

  const open = (kind: string) => (e: { preventDefault(): void }) => {
    e.preventDefault();
    props.navigate(demarchePath(kind));
  };

  return (
    <>
      {notice && <Notice kind={notice.ok ? "ok" : "error"}>{notice.message}</Notice>}
      {pending.length > 0 && (
        <section className="review-group" aria-labelledby="pending-title">
          <h2 className="heading-m" id="pending-title">
            {t.pendingTitle}
          </h2>
          {/* A card per démarche rather than a table of four columns: it fits 320 px, its buttons never cut off. */}
          <ul className="pending-list">
            {pending.map((p) => (
              <li key={p.flowId} className="pending-list__item">
                <h3 className="heading-s pending-list__title">{p.title}</h3>
                <dl className="pending-list__facts">
                  <div>
                    <dt>{t.pendingStep}</dt>
                    <dd>{p.stepTitle}</dd>
                  </div>
                  <div>
                    <dt>{t.pendingUpdated}</dt>
                    <dd>{when.format(new Date(p.updatedAt))}</dd>
                  </div>
                </dl>
                <div className="actions actions--inline">
                  <button type="button" className="button button--small" onClick={() => void resume(p)}>
                    {t.resumeDemarche}
                    <span className="visually-hidden">{t.ofDemarche(p.title)}</span>
                  </button>
                  <button type="button" className="button button--secondary button--small" onClick={() => setAbandoning(p)}>
                    {t.abandonDemarche}
                    <span className="visually-hidden">{t.ofDemarche(p.title)}</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {menu.length > 0 && (
        <section className="review-group" aria-labelledby="demarches-title">
          <h2 className="heading-m" id="demarches-title">
            {t.demarchesTitle}
          </h2>
          <p>{t.demarchesIntro}</p>
          <ul className="demarche-list">
            {menu.map((d) => (
              <li key={d.kind}>
                <a href={demarchePath(d.kind)} onClick={open(d.kind)}>
                  {d.label}
                </a>
                <p className="hint">{d.description}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ConfirmDialog
        open={abandoning !== null}
        message={abandoning ? t.abandonConfirm(abandoning.title) : ""}
        yes={t.abandonYes}
        no={t.abandonNo}
        onYes={() => abandoning && void abandon(abandoning)}
        onNo={() => setAbandoning(null)}
      />
    </>
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
              <td>
                {s.released && <p className="notice">{s.released}</p>}
                {s.key ? <span className="key">{s.key}</span> : <AddKey serviceId={s.id} label={s.label} contact={s.contact} />}
              </td>
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
