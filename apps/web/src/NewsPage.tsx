import { useEffect } from "react";
import { pageTitle, ui, type TenantInfo } from "@guichet/ui";
import { NewsList } from "./NewsList";

export function NewsPage({ tenant }: { readonly tenant: TenantInfo | null }) {
  useEffect(() => {
    document.title = pageTitle(ui.portal.news, tenant?.shortName);
  }, [tenant]);
  return (
    <>
      <h1>{ui.portal.news}</h1>
      {tenant && <NewsList news={tenant.news} headingLevel={2} />}
    </>
  );
}
