import { useEffect } from "react";
import { pageTitle, ui } from "@guichet/ui";
import { accountPage } from "./account/accountPages";

// The pages App.tsx loads apart (React.lazy): the flow's steps and the account's forms, with the schemas they check.
export { ResumePage } from "./resume/ResumePage";
export { SignupPage } from "./SignupPage";

/** An account page (/activation, /mon-espace…) by its path, or "page not found". */
export function AccountPage(props: { readonly path: string; readonly navigate: (to: string) => void; readonly titleSuffix?: string }) {
  const { path, ...rest } = props;
  return accountPage(path, rest) ?? <NotFound {...(rest.titleSuffix ? { titleSuffix: rest.titleSuffix } : {})} />;
}

/** A path the portal does not serve: its own title in the tab, not the last page's nor the bare « Espace citoyen ». */
function NotFound(props: { readonly titleSuffix?: string }) {
  useEffect(() => {
    document.title = pageTitle(ui.portal.notFoundTitle, props.titleSuffix);
  }, [props.titleSuffix]);
  return <h1>{ui.portal.notFound}</h1>;
}
