import { ui } from "../catalogue";

/**
 * « Afficher le mot de passe »: a toggle button under a password field (aria-pressed says its state, its name stays
 * the same), so a citizen can check what they typed on a phone or a kiosk's screen keyboard. The field's owner
 * switches its type between password and text.
 */
export function PasswordToggle(props: { readonly controls: string; readonly shown: boolean; readonly onToggle: () => void }) {
  return (
    <button
      type="button"
      className="button button--secondary button--small password-toggle"
      aria-controls={props.controls}
      aria-pressed={props.shown}
      onClick={props.onToggle}
    >
      {ui.showPassword}
    </button>
  );
}
