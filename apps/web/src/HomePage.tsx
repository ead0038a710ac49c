import { useEffect, useState } from "react";
import { flowTokenKey, useProofOfWork } from "@guichet/client";
import { pageTitle, ui, useGuichet, type TenantInfo } from "@guichet/ui";
import { LoginPanel } from "./account/LoginPanel";
import { NewsList } from "./NewsList";
import { ResumeEntry } from "./resume/ResumeEntry";

const hasFlow = () => {
  try {
    return !!localStorage.getItem(flowTokenKey);
  } catch {
    return false;
  }
};

/** The portal's home: log in, create an account, news. */
export function HomePage(props: { readonly tenant: TenantInfo | null; readonly navigate: (to: string) => void }) {
  const { tenant, navigate } = props;
  const [resumable] = useState(hasFlow);
  const { client } = useGuichet();
  // "Créer mon espace" costs a proof of work: solved now, in the background, while the citizen reads.
  useProofOfWork(client, "start", !resumable);
  useEffect(() => {
    document.title = pageTitle(ui.portal.welcome, tenant?.shortName);
  }, [tenant]);
  const go = (to: string) => (e: { preventDefault(): void }) => {
    e.preventDefault();
    navigate(to);
  };
  return (
    <>
      <h1 className="home__title">{ui.portal.welcome}</h1>
      <div className="home">
        <section className="panel" aria-labelledby="mon-espace">
          <h2 id="mon-espace" className="panel__title">
            {ui.portal.myspace}
          </h2>
          <LoginPanel navigate={navigate} />
        </section>

        <section className="panel panel--create" aria-labelledby="pas-d-espace">
          <h2 id="pas-d-espace" className="panel__title">
            {ui.portal.noSpace}
          </h2>
          <p>{ui.portal.noSpaceText}</p>
          <a className="button button--start" href="/inscription" onClick={go("/inscription")}>
            {ui.portal.create}
          </a>
          {resumable && (
            <p className="panel__resume">
              <a href="/inscription" onClick={go("/inscription")}>
                {ui.portal.resume}
              </a>
            </p>
          )}
          <p className="panel__resume">
            {ui.portal.activateIntro}{" "}
            <a href="/activation" onClick={go("/activation")}>
              {ui.portal.activate}
            </a>
          </p>
          <ResumeEntry navigate={navigate} />
        </section>

        <section className="panel panel--news" aria-labelledby="actualites">
          <h2 id="actualites" className="panel__title">
            {ui.portal.news}
          </h2>
          {tenant && <NewsList news={tenant.news.slice(0, 3)} headingLevel={3} readMore={navigate} />}
          <p>
            <a href="/actualites" onClick={go("/actualites")}>
              {ui.portal.allNews}
            </a>
          </p>
        </section>
      </div>
    </>
  );
}
