import { useMemo } from "react";
import { createGuichetClient } from "@guichet/client";
import { GuichetProvider, ui } from "@guichet/ui";
import { HomePage } from "./HomePage";
import { Layout } from "./Layout";
import { NewsPage } from "./NewsPage";
import { accountPage } from "./account/accountPages";
import { ResumePage } from "./resume/ResumePage";
import { SignupPage } from "./SignupPage";
import { useRoute } from "./useRoute";
import { useTenant } from "./useTenant";

export function App() {
  const client = useMemo(() => createGuichetClient(), []);
  const tenant = useTenant(client);
  const { path, navigate } = useRoute();
  const page = path.replace(/\/+$/, "") || "/";
  return (
    <GuichetProvider client={client} tenant={tenant} autofill>
      <Layout tenant={tenant} navigate={navigate}>
        {page === "/" ? (
          <HomePage tenant={tenant} navigate={navigate} />
        ) : page === "/inscription" ? (
          <SignupPage client={client} tenant={tenant} navigate={navigate} />
        ) : page === "/reprendre" ? (
          <ResumePage client={client} navigate={navigate} {...(tenant ? { titleSuffix: tenant.name } : {})} />
        ) : page === "/actualites" ? (
          <NewsPage tenant={tenant} />
        ) : (
          accountPage(page, { navigate, ...(tenant ? { titleSuffix: tenant.name } : {}) }) ?? <h1>{ui.portal.notFound}</h1>
        )}
      </Layout>
    </GuichetProvider>
  );
}
