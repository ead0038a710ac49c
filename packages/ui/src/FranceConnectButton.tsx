import { fr } from "@guichet/schema";

/**
 * FranceConnect's button, as the State's design draws it: "S’identifier avec FranceConnect" on the State's blue,
 * with its mark, and under it the link "Qu’est-ce que FranceConnect ?" (a new tab). Drawn here in SVG and CSS: no
 * asset of another site is loaded. A form (POST), so the flow's token travels in the body, never in a URL; the
 * server answers with a redirection to FranceConnect.
 */
export function FranceConnectButton(props: { readonly purpose: "signup" | "login"; readonly token?: string; readonly lead?: string }) {
  const f = fr.franceConnect;
  return (
    <div className="franceconnect">
      {props.lead && <p className="franceconnect__lead">{props.lead}</p>}
      <form method="post" action="/franceconnect/login" className="franceconnect__form">
        <input type="hidden" name="purpose" value={props.purpose} />
        {props.token && <input type="hidden" name="token" value={props.token} />}
        <button type="submit" className="franceconnect__button">
          <FranceConnectMark />
          <span className="franceconnect__text">
            <span className="franceconnect__login">{f.button.replace(/ FranceConnect$/, "")}</span> <span className="franceconnect__brand">FranceConnect</span>
          </span>
        </button>
      </form>
      <p className="franceconnect__what">
        <a href="https://franceconnect.gouv.fr/" target="_blank" rel="noopener noreferrer">
          {f.what}
          <span className="visually-hidden"> ({f.newWindow})</span>
        </a>
      </p>
    </div>
  );
}

/** FranceConnect's mark, simplified: a white hexagon with the State's blue and red. Decorative: the text says it all. */
function FranceConnectMark() {
  return (
    <svg className="franceconnect__mark" viewBox="0 0 40 44" width="32" height="35" aria-hidden="true" focusable="false">
      <path d="M20 1 38 11.5v21L20 43 2 32.5v-21Z" fill="#fff" />
      <path d="M20 8 31.5 14.7v13.6L20 35Z" fill="#000091" />
      <path d="M20 8 8.5 14.7v13.6L20 35Z" fill="#e1000f" />
      <path d="M14 20.5h12v3H14z" fill="#fff" />
    </svg>
  );
}

/** "ou", between FranceConnect's button and the form typed by hand. */
export function OrSeparator() {
  return (
    <p className="franceconnect__or" aria-hidden="true">
      <span>{fr.franceConnect.or}</span>
    </p>
  );
}
