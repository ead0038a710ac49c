import type { ReactNode } from "react";
import { ui, unbreakablePhone, type TenantInfo } from "@guichet/ui";
import { webText } from "./webText";

/** Header with the tenant's name and contacts (phone, e-mail), the page, a footer. */
export function Layout(props: { readonly tenant: TenantInfo | null; readonly navigate: (to: string) => void; readonly children: ReactNode }) {
  const { tenant } = props;
  return (
    <>
      <a className="skip-link" href="#contenu">
        {webText.skip}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <a
            className="site-header__name"
            href="/"
            onClick={(e) => {
              e.preventDefault();
              props.navigate("/");
            }}
          >
            {tenant?.name ?? "\u00a0"}
          </a>
          {tenant && (
            <p className="site-header__contacts">
              <span>
                <span className="visually-hidden">
                  {ui.portal.phone}
                  {"\u00a0: "}
                </span>
                <a href={`tel:${tenant.phone.replace(/\s/g, "")}`}>{unbreakablePhone(tenant.phone)}</a>
              </span>
              <span>
                <span className="visually-hidden">
                  {ui.portal.email}
                  {"\u00a0: "}
                </span>
                <a href={`mailto:${tenant.email}`}>{tenant.email}</a>
              </span>
            </p>
          )}
        </div>
      </header>
      <main id="contenu" className="site-main" tabIndex={-1}>
        {props.children}
      </main>
      <footer className="site-footer">
        <p>{ui.portal.slogan}</p>
      </footer>
    </>
  );
}
