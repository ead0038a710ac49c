import type { ReactElement } from "react";
import { ActivationPage } from "./ActivationPage";
import { ForgotPasswordPage } from "./ForgotPasswordPage";
import { MySpacePage } from "./MySpacePage";
import { ResetPasswordPage } from "./ResetPasswordPage";

/** The account's pages by path; undefined for any other path. The e-mails link to /activation and /nouveau-mot-de-passe. */
export function accountPage(path: string, props: { readonly navigate: (to: string) => void; readonly titleSuffix?: string }): ReactElement | undefined {
  switch (path) {
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
