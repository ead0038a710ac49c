import type { ReactElement } from "react";
import { ActivationPage } from "./ActivationPage";
import { ConfirmEmailPage } from "./ConfirmEmailPage";
import { DemarchePage } from "./DemarchePage";
import { ForgotPasswordPage } from "./ForgotPasswordPage";
import { MySpacePage } from "./MySpacePage";
import { ResetPasswordPage } from "./ResetPasswordPage";

/** The account's pages by path; undefined for any other path. The e-mails link to /activation and /nouveau-mot-de-passe. */
export function accountPage(path: string, props: { readonly navigate: (to: string) => void; readonly titleSuffix?: string }): ReactElement | undefined {
  // A démarche of Mon espace, by its kind: /mon-espace/demarche/modifier-coordonnees.
  const demarche = /^\/mon-espace\/demarche\/([a-z0-9-]{1,40})$/.exec(path);
  if (demarche) return <DemarchePage key={demarche[1]} kind={demarche[1]!} {...props} />;
  switch (path) {
    case "/confirmer-courriel":
      return <ConfirmEmailPage {...props} />;
    case "/activation":
      return <ActivationPage {...props} />;
    case "/mon-espace":
      return <MySpacePage {...props} />;
    case "/mot-de-passe-oublie":
      return <ForgotPasswordPage {...props} />;
    case "/nouveau-mot-de-passe":
      return <ResetPasswordPage {...props} />;
    default:
      return undefined;
  }
}
