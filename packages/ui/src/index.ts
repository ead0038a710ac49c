import "./styles.css";

export { FlowPage, type FlowPageProps } from "./FlowPage";
export { GuichetProvider, useGuichet, type GuichetContextValue } from "./GuichetContext";
export type { TenantInfo } from "./TenantInfo";
export { ui } from "./catalogue";
export { ConfirmDialog } from "./ConfirmDialog";
export { placesOf, type Places } from "./places";
