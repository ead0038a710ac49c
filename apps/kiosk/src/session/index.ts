// Everything a session needs (the flow's pages, their schemas, the keyboard): loaded when a session
// begins, or while the attract screen waits, so the attract screen itself comes up fast.
import "@guichet/ui/styles.css";
import "./session.css";
export { Session, type SessionProps } from "./Session";
export { ResumeScreen } from "./ResumeScreen";
export { ActivationScreen } from "./ActivationScreen";
export { HandoffScreen } from "./HandoffScreen";
// Shown only during a session, and with the resume code's view: loaded with the session.
export { IdleWarning } from "../IdleWarning";
