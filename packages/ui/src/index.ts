import "./styles.css";

export { FlowPage, type FlowPageProps } from "./FlowPage";
export { GuichetProvider, useGuichet, type GuichetContextValue } from "./GuichetContext";
export type { TenantInfo } from "./TenantInfo";
export { ui } from "./catalogue";
export { pageTitle } from "./pageTitle";
export { ConfirmDialog } from "./ConfirmDialog";
export { PasswordToggle } from "./fields/PasswordToggle";
export { placesOf, type Places } from "./places";
export { LiveFlowPage, type LiveFlowPageProps } from "./LiveFlowPage";
export { ResumeElsewhere } from "./ResumeElsewhere";
export { ResumeOfferView } from "./ResumeOfferView";
export { ResumeCodeForm } from "./ResumeCodeForm";
export { resumeText } from "./resumeText";
export { frenchTypography, unbreakablePhone, catalogueStrings, breakableBeforeSign, straightApostrophe } from "./typography";
export { FranceConnectButton, OrSeparator } from "./FranceConnectButton";
export { ActivationCodeForm, type Activated } from "./ActivationCodeForm";
export { activationText } from "./activationText";
