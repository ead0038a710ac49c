import { kioskText } from "./kioskText";

/** Nobody's data on screen: the two ways in. */
export function AttractScreen(props: {
  readonly tenantName: string;
  readonly busy: boolean;
  readonly error: string;
  readonly onCreate: () => void;
  readonly onResume: () => void;
  /** « Activer mon espace »: the code of the activation e-mail, which promises it can be typed at a kiosk. */
  readonly onActivate: () => void;
}) {
  return (
    <div className="attract">
      <h1 className="attract__title">{kioskText.welcome}</h1>
      <p className="attract__lead">{kioskText.attractLead}</p>
      <div className="attract__actions">
        <button type="button" className="kbutton kbutton--primary" disabled={props.busy} onClick={props.onCreate}>
          {kioskText.create}
        </button>
        <button type="button" className="kbutton kbutton--secondary" disabled={props.busy} onClick={props.onResume}>
          {kioskText.resume}
        </button>
        <button type="button" className="kbutton kbutton--secondary" disabled={props.busy} onClick={props.onActivate}>
          {kioskText.activate}
        </button>
      </div>
      <p className="attract__status" role="status">
        {props.busy ? kioskText.starting : ""}
      </p>
      {props.error && (
        <p className="attract__error" role="alert">
          {props.error}
        </p>
      )}
      <p className="attract__tenant">{props.tenantName}</p>
    </div>
  );
}
