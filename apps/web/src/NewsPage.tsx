import { useEffect } from "react";
import { pageTitle, ui, type TenantInfo } from "@guichet/ui";
import { NewsList } from "./NewsList";

export function NewsPage({ tenant }: { readonly tenant: TenantInfo | null }) {
  useEffect(() => {
    document.title = pageTitle(ui.portal.news, tenant?.shortName);
  }, [tenant]);
  // « Lire la suite » of the home page opens the page at its news item.
  useEffect(() => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (tenant && id) document.getElementById(id)?.scrollIntoView();
  }, [tenant]);
  return (
    <>
      <h1>{ui.portal.news}</h1>
      {tenant && <NewsList news={tenant.news} headingLevel={2} />}
    </>
  );
}
